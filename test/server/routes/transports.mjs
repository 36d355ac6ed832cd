// Test endpoints for the transports: a scripted replay server (the test posts the exact bytes,
// chunking, status and ending of each response, then points a transport at it), a resumable SSE
// server honouring Last-Event-ID, and WebSocket servers with scripted frames, pings and closes.
import { setTimeout as sleep } from 'node:timers/promises';

/** A pause that never keeps the runner alive: tests stop long drips (delay: 60 000) early. */
const wait = (/** @type {number} */ ms) => sleep(ms, undefined, { ref: false });

/**
 * One scripted HTTP response.
 * @typedef {object} HttpReply
 * @property {number} [status]
 * @property {Record<string, string>} [headers]
 * @property {string} [body] the body as UTF-8 text
 * @property {number[] | 'bytes'} [splits] byte offsets to cut the body at, or every byte
 * @property {number} [delay] ms between chunks (default: the next turn of the event loop)
 * @property {'end' | 'destroy' | 'hang'} [after] how the response ends (default `end`; `destroy`
 *   drops the connection 200 ms after the last chunk)
 * @property {boolean} [noHeaders] never answer at all
 */
/**
 * A script: HTTP replies in order (one per request, the last repeats) or WebSocket behaviour.
 * @typedef {object} Script
 * @property {HttpReply[]} [replies]
 * @property {string[]} [frames] WebSocket messages sent after each request message
 * @property {number} [frameDelay] ms between frames
 * @property {{ code?: number, reason?: string }} [close] close the socket after the frames (no
 *   code: a close frame without one)
 * @property {string} [ping] a message that is a ping, not a request
 * @property {string} [pong] answer to each ping (none when missing)
 * @property {string} [stop] the message that stops a reply (default `{"type":"stop"}`)
 * @property {number} [failFirst] close this many connections with 1011 before answering
 * @property {number} [afterPings] hold the frames until this many pings arrived (a server-side
 *   signal that the client's heartbeat ran for that long, instead of a fixed delay)
 */

/** @type {Map<string, Script>} */
const scripts = new Map();
/** @type {Map<string, { method?: string, url?: string, headers?: Record<string, unknown>, body: string }[]>} */
const logs = new Map();
/** @type {Map<string, number>} */
const counters = new Map();
let nextId = 0;

/** @param {string} id */
const log = (id) => {
  const entries = logs.get(id) ?? [];
  logs.set(id, entries);
  return entries;
};
/** @param {string} id */
const count = (id) => {
  const n = counters.get(id) ?? 0;
  counters.set(id, n + 1);
  return n;
};

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** @param {import('node:http').ServerResponse} res @param {unknown} value */
function json(res, value) {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** @param {Buffer} bytes @param {HttpReply['splits']} splits */
function cut(bytes, splits) {
  if (splits === 'bytes') return [...bytes].map((byte) => Buffer.from([byte]));
  const chunks = [];
  let start = 0;
  for (const end of [...(splits ?? []), bytes.length]) {
    if (end > start) chunks.push(bytes.subarray(start, end));
    start = Math.max(start, end);
  }
  return chunks;
}

/** @param {import('node:http').ServerResponse} res @param {HttpReply} reply */
async function play(res, reply) {
  if (reply.noHeaders) return;
  res.writeHead(reply.status ?? 200, { 'cache-control': 'no-store', ...reply.headers });
  res.flushHeaders();
  for (const chunk of cut(Buffer.from(reply.body ?? '', 'utf8'), reply.splits)) {
    if (res.destroyed) return;
    res.write(chunk);
    if (reply.delay) await wait(reply.delay);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  if (reply.after === 'destroy') {
    // Let the client read what was sent first: an error on the stream discards unread data.
    await wait(200);
    res.destroy();
  } else if (reply.after !== 'hang') res.end();
}

/** The events of the resumable SSE answer: id n carries the word n. */
const WORDS = ['Resumed ', 'streams ', 'lose ', 'no ', 'words ', 'and ', 'repeat ', 'none.'];

/** @type {import('../plugin.mjs').RouteModule} */
export default {
  http: {
    '/mock/t/script': async (req, res) => {
      const id = `s${(nextId += 1)}`;
      scripts.set(id, JSON.parse(await readBody(req)));
      json(res, { id });
    },
    '/mock/t/log': (_req, res, url) => json(res, logs.get(url.searchParams.get('id') ?? '') ?? []),
    '/mock/t/play': async (req, res, url) => {
      const id = url.searchParams.get('id') ?? '';
      const replies = scripts.get(id)?.replies ?? [{ status: 404, body: 'no such script' }];
      log(id).push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: await readBody(req),
      });
      await play(res, replies[Math.min(count(id), replies.length - 1)] ?? {});
    },
    // Drops the connection after `drop` events unless resuming; honours Last-Event-ID.
    '/mock/t/resumable': async (req, res, url) => {
      const id = url.searchParams.get('id') ?? '';
      const drop = Number(url.searchParams.get('drop') ?? 3);
      const lastId = req.headers['last-event-id'];
      log(id).push({ headers: { 'last-event-id': lastId }, body: await readBody(req) });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write('retry: 10\n\n');
      const from = lastId === undefined ? 0 : Number(lastId) + 1;
      for (let n = from; n < WORDS.length; n += 1) {
        if (lastId === undefined && n === drop) {
          // Half an event, then the connection dies: the half must never be dispatched.
          res.write(`id: ${n}\ndata: {"choices":[{"delta":{"content":"broken`);
          // Let the client read what was sent first: an error on the stream discards unread data.
          await wait(200);
          res.destroy();
          return;
        }
        const chunk = { choices: [{ delta: { content: WORDS[n] } }] };
        res.write(`id: ${n}\ndata: ${JSON.stringify(chunk)}\n\n`);
        await wait(2);
      }
      res.end('data: [DONE]\n\n');
    },
  },
  ws: {
    '/mock/t/ws': (socket, _req, url) => {
      const id = url.searchParams.get('id') ?? '';
      const script = scripts.get(id) ?? {};
      const connection = count(id);
      let pings = 0;
      /** @type {(() => void) | undefined} */
      let pinged;
      socket.on('message', async (data) => {
        const text = String(data);
        log(id).push({ body: text });
        if (text === script.ping) {
          if (script.pong !== undefined) socket.send(script.pong);
          pings += 1;
          if (pings >= (script.afterPings ?? 0)) pinged?.();
          return;
        }
        if (text === (script.stop ?? '{"type":"stop"}')) return;
        if (connection < (script.failFirst ?? 0)) {
          socket.close(1011, 'not yet');
          return;
        }
        if (pings < (script.afterPings ?? 0)) {
          await new Promise((resolve) => (pinged = () => resolve(undefined)));
        }
        for (const frame of script.frames ?? []) {
          if (script.frameDelay) await wait(script.frameDelay);
          if (socket.readyState !== socket.OPEN) return;
          socket.send(frame);
        }
        if (script.close) socket.close(script.close.code, script.close.reason);
      });
    },
  },
};
