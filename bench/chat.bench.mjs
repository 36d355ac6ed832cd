// `npm run bench` (or `node bench/chat.bench.mjs`): <stream-chat> under load, in headless
// Chromium, against a local OpenAI-compatible SSE server, using the embed as a page loads it.
//   1. 20 chats streaming at once at 100 tokens/s each: gaps between animation frames (p95,
//      max) and long tasks, against the same 20 chats idle.
//   2. 200 chats created and removed mid-answer: connections the server still holds, JS heap
//      and DOM counters after garbage collection, against a warm-up of 10 chats.
//   3. History: initial render of 1,000 messages against 100, and frame gaps while wheel
//      scrolling back through the 1,000.
// Prints measurements and ratios only; the pass/fail checks for leaks live in the tests.
/* global document, window, requestAnimationFrame, customElements -- page.evaluate() bodies run in the page */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { build } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench/out/chat');
const REPS = Number(process.env.BENCH_REPS ?? 3);

/** A Markdown answer cut into pseudo-LLM tokens of 3-5 characters. */
const ANSWER = `## Streaming answer

Here is **a paragraph** with \`inline code\`, a [link](https://example.com) and more words
to fill the line, then a list:

- first item with *emphasis*
- second item with more text
- third item

\`\`\`js
const answer = await chat.send('Hello');
console.log(answer);
\`\`\`

> A quote to close the section, long enough to wrap on a narrow chat.

`;
const TOKENS = ANSWER.repeat(4).match(/[\s\S]{1,4}/g) ?? [];

/** Builds the embed into bench/out/chat, next to a page that loads it. */
async function bundle() {
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'embed',
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: OUT, emptyOutDir: true },
  });
  await writeFile(
    join(OUT, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>chat bench</title>' +
      '<style>body{margin:0;display:grid;grid-template-columns:repeat(5,1fr);gap:4px}' +
      'stream-chat{height:300px}</style>' +
      '<script type="module">import * as kit from "./stream-chat-elements.js"; window.kit = kit;</script>' +
      '</head><body></body></html>',
  );
}

/** Static files plus /v1/chat/completions (OpenAI chunks at `rate` tokens/s) and /stats. */
function serve() {
  let open = 0;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ open }));
      return;
    }
    if (url.pathname === '/v1/chat/completions') {
      open += 1;
      res.on('close', () => (open -= 1));
      await new Promise((resolve) => req.resume().on('end', resolve));
      const interval = 1000 / Number(url.searchParams.get('rate') ?? 100);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      const started = performance.now();
      for (let i = 0; i < TOKENS.length && !res.destroyed; i += 1) {
        const chunk = { choices: [{ delta: { content: TOKENS[i] } }] };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
        // Paced against the clock, so timer drift does not slow the stream down.
        const wait = started + (i + 1) * interval - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      if (!res.destroyed)
        res.end('data: {"choices":[{"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
      return;
    }
    try {
      const body = await readFile(join(OUT, url.pathname === '/' ? 'index.html' : url.pathname));
      const type = url.pathname.endsWith('.js') ? 'text/javascript' : 'text/html';
      res.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, open: () => open })),
  );
}

/** @param {number[]} values @param {number} q */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** @param {number[]} values */
const median = (values) => quantile(values, 0.5);

/** @param {number} value */
const ms = (value) => `${value.toFixed(1)} ms`;

// Runs in the page: frame gaps (and long tasks) over `duration` ms.
const FRAME_GAPS = `window.frameGaps = (duration) => new Promise((resolve) => {
  const gaps = []; const long = [];
  const observer = new PerformanceObserver((list) => long.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  let last = performance.now(); const end = last + duration;
  const tick = (now) => { gaps.push(now - last); last = now;
    if (now < end) requestAnimationFrame(tick); else { observer.disconnect(); resolve({ gaps, long }); } };
  requestAnimationFrame(tick);
});`;

/** @param {import('playwright').Page} page */
async function concurrentStreams(page) {
  await page.evaluate(() => {
    document.body.replaceChildren();
    for (let i = 0; i < 20; i += 1) {
      const chat = document.createElement('stream-chat');
      chat.endpoint = `/v1/chat/completions?rate=100&chat=${i}`;
      document.body.append(chat);
    }
  });
  /** @type {{ gaps: number[], long: number[] }} */
  const idle = await page.evaluate('frameGaps(1500)');
  const streaming = await page.evaluate(async () => {
    const chats = [...document.querySelectorAll('stream-chat')];
    const ended = Promise.all(
      chats.map(
        (chat) => new Promise((r) => chat.addEventListener('stream-end', r, { once: true })),
      ),
    );
    const opened = Promise.all(
      chats.map(
        (chat) => new Promise((r) => chat.addEventListener('stream-open', r, { once: true })),
      ),
    );
    for (const chat of chats) void chat.send('Tell me something long');
    await opened;
    // @ts-expect-error defined by FRAME_GAPS
    const measured = await window.frameGaps(3000);
    await ended;
    return measured;
  });
  return { idle, streaming };
}

/**
 * @param {import('playwright').Page} page
 * @param {import('playwright').CDPSession} cdp
 * @param {number} count
 */
async function churn(page, cdp, count) {
  await page.evaluate(async (count) => {
    document.body.replaceChildren();
    // Browsers open six HTTP/1.1 connections per host: five chats at a time.
    for (let i = 0; i < count; i += 5) {
      await Promise.all(
        Array.from({ length: Math.min(5, count - i) }, async () => {
          const chat = document.createElement('stream-chat');
          chat.endpoint = '/v1/chat/completions?rate=200';
          document.body.append(chat);
          const token = new Promise((r) =>
            chat.addEventListener('stream-token', r, { once: true }),
          );
          void chat.send('Start answering');
          await token;
          chat.remove();
        }),
      );
    }
  }, count);
  await page.waitForTimeout(300);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  return { heap: usedSize, nodes: counters.nodes, listeners: counters.jsEventListeners };
}

/** @param {import('playwright').Page} page @param {number} count */
async function renderHistory(page, count) {
  return page.evaluate(async (count) => {
    document.body.replaceChildren();
    const messages = Array.from({ length: count }, (_, i) => ({
      role: i % 2 ? 'assistant' : 'user',
      content:
        i % 2
          ? `**Answer ${i}**\n\n- a list item\n- another one with \`code\`\n\nA closing paragraph.`
          : `Question ${i}?`,
    }));
    const start = performance.now();
    const chat = document.createElement('stream-chat');
    chat.style.height = '600px';
    chat.messages = messages;
    document.body.append(chat);
    await chat.updateComplete;
    const views = [...chat.shadowRoot.querySelectorAll('token-view')];
    await Promise.all(views.map((view) => view.updateComplete));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - start;
  }, count);
}

await mkdir(OUT, { recursive: true });
await bundle();
const { server, open } = /** @type {{ server: import('node:http').Server, open: () => number }} */ (
  await serve()
);
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.on('pageerror', (error) => console.error('page error:', error));
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForFunction(() => customElements.get('stream-chat'));
await page.evaluate(FRAME_GAPS);
const cdp = await page.context().newCDPSession(page);

console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, ${new Date().toISOString().slice(0, 10)}`,
);

// 1. Twenty chats at once.
const runs = [];
for (let rep = 0; rep < REPS; rep += 1) runs.push(await concurrentStreams(page));
const stat = (/** @type {'idle' | 'streaming'} */ key, /** @type {number} */ q) =>
  median(runs.map((run) => (q === 1 ? Math.max(...run[key].gaps) : quantile(run[key].gaps, q))));
console.log('\n20 chats, 100 tokens/s each (median of', REPS, 'runs):');
console.log(
  `  frame gap p95: idle ${ms(stat('idle', 0.95))}, streaming ${ms(stat('streaming', 0.95))}`,
);
console.log(`  frame gap max: idle ${ms(stat('idle', 1))}, streaming ${ms(stat('streaming', 1))}`);
console.log(
  `  long tasks while streaming: ${median(runs.map((run) => run.streaming.long.length))}`,
);
console.log(
  `  ratio streaming/idle p95: ${(stat('streaming', 0.95) / stat('idle', 0.95)).toFixed(2)}`,
);

// 2. Create and remove 200 chats mid-answer.
const before = await churn(page, cdp, 10);
const after = await churn(page, cdp, 200);
await page.waitForTimeout(200);
console.log('\n200 chats created and removed mid-answer:');
console.log(`  connections the server still holds: ${open()}`);
console.log(
  `  heap after GC: ${(before.heap / 1e6).toFixed(2)} MB after 10 chats, ${(after.heap / 1e6).toFixed(2)} MB after 200 (ratio ${(after.heap / before.heap).toFixed(2)})`,
);
console.log(
  `  DOM nodes: ${before.nodes} → ${after.nodes}; event listeners: ${before.listeners} → ${after.listeners}`,
);

// 3. Long histories.
const times = { 100: /** @type {number[]} */ ([]), 1000: /** @type {number[]} */ ([]) };
for (let rep = 0; rep < Math.max(5, REPS); rep += 1) {
  times[100].push(await renderHistory(page, 100));
  times[1000].push(await renderHistory(page, 1000));
}
console.log('\nHistory, initial render (median):');
console.log(
  `  100 messages: ${ms(median(times[100]))}; 1,000 messages: ${ms(median(times[1000]))}`,
);
console.log(
  `  ratio 1,000/100: ${(median(times[1000]) / median(times[100])).toFixed(2)} (linear would be 10)`,
);
await renderHistory(page, 1000);
const box = await page.locator('stream-chat').boundingBox();
await page.mouse.move((box?.x ?? 0) + 200, (box?.y ?? 0) + 200);
const scrolling = page.evaluate('frameGaps(4000)');
for (let i = 0; i < 200; i += 1) {
  await page.mouse.wheel(0, -120);
  await page.waitForTimeout(16);
}
/** @type {{ gaps: number[], long: number[] }} */
const scrolled = await scrolling;
const rendered = await page.evaluate(
  () =>
    document.querySelector('stream-chat')?.shadowRoot?.querySelectorAll('[part~=message]').length,
);
console.log('\nWheel scrolling back through 1,000 messages:');
console.log(
  `  frame gap p95 ${ms(quantile(scrolled.gaps, 0.95))}, max ${ms(Math.max(...scrolled.gaps))}, long tasks ${scrolled.long.length}`,
);
console.log(`  messages rendered after scrolling: ${rendered}`);

await browser.close();
server.close();
