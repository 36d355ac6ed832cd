// `npm run bench` (or `node bench/token-view.bench.mjs`): how much main-thread time streaming a
// Markdown answer costs with <token-view>, compared with naive re-rendering, the
// streaming-markdown package and the single-shot lower bound (marked.parse plus the same
// sanitiser, once). Headless Chromium; busy time is the renderer main thread's CPU time from
// the DevTools protocol (Performance.getMetrics, thread ticks), median of BENCH_REPS (5) runs,
// variants interleaved. Writes the table to stdout and to bench/out/token-view.md.
// BENCH_QUICK=1 runs one row (30 KB at 2000 tokens/s) as a smoke test.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { build } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 5);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench/out/token-view');

const STREAMING = [
  'delivery only',
  'floor',
  'naive per token',
  'naive per frame',
  '<token-view>',
  '<token-view> throttle 30',
  'streaming-markdown',
];
const without = (...names) => STREAMING.filter((variant) => !names.includes(variant));
/**
 * What runs. Naive per-token rendering runs on the small document only: on 30 KB it re-parses
 * 7,000 times and one run takes longer than all the others together. Paced runs last as long as
 * the stream (120 KB at 2000 tokens/s is 13 s a run), so they leave out variants that the other
 * rows already characterise.
 */
const PLAN = process.env.BENCH_QUICK
  ? [{ doc: 1, delivery: 2000, variants: ['delivery only', '<token-view>'] }]
  : [
      { doc: 0, delivery: 'fire-hose', variants: STREAMING },
      { doc: 0, delivery: 2000, variants: STREAMING },
      {
        doc: 0,
        delivery: 300,
        variants: without('floor', 'naive per token', '<token-view> throttle 30'),
      },
      { doc: 1, delivery: 'fire-hose', variants: without('naive per token') },
      { doc: 1, delivery: 2000, variants: without('naive per token') },
      { doc: 2, delivery: 'fire-hose', variants: without('naive per token', 'floor') },
      { doc: 2, delivery: 2000, variants: ['delivery only', '<token-view>'] },
    ];

/** Bundles bench/token-view.page.ts (minified, every dependency included) into bench/out. */
async function bundle() {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      outDir: OUT,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: {
        entry: join(ROOT, 'bench/token-view.page.ts'),
        formats: ['es'],
        fileName: () => 'page.js',
      },
    },
  });
  await writeFile(
    join(OUT, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>token-view bench</title>' +
      '<style>body{margin:0;font:16px/1.5 system-ui}.markdown{padding:0 1em}</style>' +
      '<script type="module" src="page.js"></script></head><body></body></html>',
  );
}

/** Serves bench/out on 127.0.0.1. */
function serve() {
  const types = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    try {
      const body = await readFile(join(OUT, path === '/' ? 'index.html' : path));
      res.writeHead(200, {
        'content-type': types[/** @type {'.js'} */ (extname(path) || '.html')],
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
  const started = Date.now();
  await bundle();
  const server = await serve();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => 'bench' in globalThis);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const documents = await page.evaluate(() => globalThis.bench.documents);

  const metrics = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    const value = (name) => (list.find((metric) => metric.name === name)?.value ?? 0) * 1000;
    return {
      busy: value('TaskDuration'),
      render: value('RecalcStyleDuration') + value('LayoutDuration'),
    };
  };
  const measure = async (variant, doc, delivery) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const before = await metrics();
    const result = await page.evaluate(
      ([v, d, p]) => globalThis.bench.run(v, d, p),
      [variant, doc, delivery],
    );
    const after = await metrics();
    return {
      ...result,
      busy: after.busy - before.busy,
      render: after.render - before.render,
    };
  };

  const sections = [];
  for (const { doc, delivery, variants } of PLAN) {
    const runs = new Map([...variants, 'single shot'].map((variant) => [variant, []]));
    for (let rep = 0; rep < REPS; rep += 1) {
      for (const variant of runs.keys())
        runs.get(variant).push(await measure(variant, doc, delivery));
    }
    const summary = [...runs].map(([variant, list]) => {
      const of = (key) => median(list.map((run) => run[key]));
      return {
        variant,
        busy: of('busy'),
        render: of('render'),
        maxFrameGap: Math.max(...list.map((run) => run.maxFrameGapMs)),
        longTasks: Math.max(...list.map((run) => run.longTasks)),
        nodesRemoved: of('nodesRemoved'),
        finalElements: of('finalElements'),
        wall: of('wallMs'),
      };
    });
    const single = summary.find((row) => row.variant === 'single shot').busy;
    // Busy time beyond what delivering the tokens costs by itself (timers, the frame watcher).
    const deliveryBusy = summary.find((row) => row.variant === 'delivery only')?.busy ?? 0;
    const net = (row) =>
      row.variant === 'single shot' ? 1 : Math.max(0, row.busy - deliveryBusy) / single;
    const rate = delivery === 'fire-hose' ? 'fire-hose' : `paced ${delivery} tok/s`;
    const title = `${documents[doc].name} (${documents[doc].bytes} B), ${rate}`;
    const ms = (value) => value.toFixed(1);
    const lines = [
      `#### ${title}`,
      '',
      '| variant | busy ms | × single shot | net × single shot | style+layout ms | max frame gap ms | long tasks | nodes removed | final elements | wall ms |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...summary.map(
        (row) =>
          `| ${row.variant} | ${ms(row.busy)} | ${(row.busy / single).toFixed(2)} | ${row.variant === 'delivery only' ? '–' : net(row).toFixed(2)} | ${ms(row.render)} | ${ms(row.maxFrameGap)} | ${row.longTasks} | ${Math.round(row.nodesRemoved)} | ${Math.round(row.finalElements)} | ${Math.round(row.wall)} |`,
      ),
      '',
    ];
    console.log(lines.join('\n'));
    sections.push(lines.join('\n'));
  }

  const version = browser.version();
  await browser.close();
  server.close();
  const cpus = os.cpus();
  const header = [
    `Run ${new Date().toISOString()} on ${cpus[0]?.model ?? 'unknown CPU'} (${cpus.length} cores), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}, Chromium ${version}, ` +
      `Node ${process.version}; ${REPS} repetitions, ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
  ];
  await mkdir(OUT, { recursive: true });
  await writeFile(join(ROOT, 'bench/out/token-view.md'), [...header, ...sections].join('\n'));
  console.log(header.join('\n'));
}

await main();
