// Endpoints for the fault tests (test/faults/): what real pages meet besides a model server.
// - A fake CDN serving the BUILT dist/ under /mock/faults/cdn/, where a test can arm a file to
//   answer 500 a number of times before it serves (/mock/faults/cdn-fail?name=…&times=…).
// - A page loading the embed from that CDN, and an Ollama-style NDJSON answer for its chats.
// - A page that loads the kit from src/ with its persistence chunk delayed (an import map
//   sends it through /mock/faults/slow-module), so every load of the page finds it cold.
// - WebSocket servers that split multi-byte characters across binary frames, reject the
//   upgrade, or close a kept socket between replies.
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { setTimeout as wait } from 'node:timers/promises';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIST = `${ROOT}dist/`;
const CDN = '/mock/faults/cdn/';

/** File-name fragment → how many more requests answer 500. */
const failures = new Map();
/** File name → requests seen, for the tests to tell a refetch from a cached copy. */
const served = new Map();

const distFiles = existsSync(DIST)
  ? readdirSync(DIST, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
      .map((entry) => entry.name)
  : [];

/** @param {string} name @returns {import('../plugin.mjs').HttpHandler} */
const cdnFile = (name) => async (_req, res) => {
  served.set(name, (served.get(name) ?? 0) + 1);
  for (const [fragment, times] of failures) {
    if (times > 0 && name.includes(fragment)) {
      failures.set(fragment, times - 1);
      res.writeHead(500, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end('The CDN is having a bad moment.');
      return;
    }
  }
  res.writeHead(200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(await readFile(DIST + name));
};

/** @param {import('node:http').ServerResponse} res @param {string} body */
const page = (res, body) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fault</title>${body}`);
};

/** @param {import('node:http').ServerResponse} res @param {unknown} value */
const json = (res, value) => {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
};

/** @type {import('../plugin.mjs').RouteModule} */
export default {
  http: {
    ...Object.fromEntries(distFiles.map((name) => [CDN + name, cdnFile(name)])),
    '/mock/faults/cdn-fail': (_req, res, url) => {
      failures.set(url.searchParams.get('name') ?? '', Number(url.searchParams.get('times') ?? 1));
      json(res, { files: distFiles });
    },
    '/mock/faults/cdn-served': (_req, res) => json(res, Object.fromEntries(served)),
    // A port on 127.0.0.1 that nothing listens on: connecting to it is refused.
    '/mock/faults/free-port': async (_req, res) => {
      const server = createServer();
      await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
      const address = server.address();
      await new Promise((resolve) => server.close(resolve));
      json(res, { port: typeof address === 'object' && address ? address.port : 0 });
    },
    '/mock/faults/embed.html': (_req, res) =>
      page(res, `<script type="module" src="${CDN}stream-chat-elements.js"></script></head><body>`),
    '/mock/faults/api/chat': async (req, res) => {
      await new Promise((resolve) => req.on('end', resolve).resume());
      res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
      for (const content of ['Loaded ', 'on the ', 'second try.']) {
        res.write(`${JSON.stringify({ message: { role: 'assistant', content }, done: false })}\n`);
      }
      res.end(
        `${JSON.stringify({ message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop' })}\n`,
      );
    },
    // The kit from src/ (through the runner's TypeScript transform), with its persistence chunk
    // behind /mock/faults/slow-module. The page records every write to its key.
    '/mock/faults/persist.html': (_req, res, url) => {
      const key = url.searchParams.get('key') ?? 'sce-faults';
      const delay = Number(url.searchParams.get('delay') ?? 30);
      const slow = `/mock/faults/slow-module?delay=${delay}&probe=${url.searchParams.get('probe') ?? ''}`;
      const imports = {
        '/src/controllers/persistence.ts': slow,
        '/src/controllers/persistence.js': slow,
      };
      page(
        res,
        `<script type="importmap">${JSON.stringify({ imports })}</script>
        <script>
          window.writes = [];
          const { setItem, removeItem } = Storage.prototype;
          Storage.prototype.setItem = function (name, value) {
            if (name === ${JSON.stringify(key)}) window.writes.push(['set', value]);
            return setItem.call(this, name, value);
          };
          Storage.prototype.removeItem = function (name) {
            if (name === ${JSON.stringify(key)}) window.writes.push(['remove']);
            return removeItem.call(this, name);
          };
        </script>
        <script type="module">
          import '/src/define.ts';
          const chat = document.createElement('stream-chat');
          chat.persist = ${JSON.stringify(key)};
          document.body.append(chat);
        </script></head><body>`,
      );
    },
    '/mock/faults/slow-module': async (_req, res, url) => {
      await wait(Number(url.searchParams.get('delay') ?? 30));
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(`export * from '/src/controllers/persistence.ts?real';\n`);
    },
  },
  // Upgrades to these paths are refused with the HTTP status (see plugin.mjs).
  reject: { '/mock/faults/ws-rejected': 403 },
  ws: {
    // Answers each request with binary frames cut inside a 4-byte emoji and a CJK character.
    '/mock/faults/ws-split-utf8': (socket) => {
      socket.on('message', (data) => {
        if (String(data).includes('"stop"')) return;
        const bytes = Buffer.from('Hi 😀 and 漢字!', 'utf8');
        const emoji = bytes.indexOf(Buffer.from('😀', 'utf8'));
        const han = bytes.indexOf(Buffer.from('漢', 'utf8'));
        for (const [start, end] of [
          [0, emoji + 2],
          [emoji + 2, han + 1],
          [han + 1, bytes.length],
        ]) {
          socket.send(bytes.subarray(start, end), { binary: true });
        }
        socket.close(1000);
      });
    },
    // Keeps the socket after a reply, then closes it while no reply runs.
    '/mock/faults/ws-close-between': (socket) => {
      socket.on('message', (data) => {
        if (String(data).includes('"stop"')) return;
        socket.send('One answer.');
        socket.send('[DONE]');
        setTimeout(() => socket.close(1001, 'going away'), 20);
      });
    },
  },
};
