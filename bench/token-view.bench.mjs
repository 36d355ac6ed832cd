// `npm run bench` (or `node bench/token-view.bench.mjs`): streams Markdown answers into
// <token-view> on the shared reference harness (../shared/bench, or SHARED_BENCH), the yardstick
// acceptance uses, against a fresh build of the embed. The harness is read-only: it is copied to a
// temporary folder and installed there (`npm ci`). Each run writes its tables to bench/out/.
//   BENCH_REPS=n       timed repetitions per strategy (default 3)
//   BENCH_ONLY=name    only the runs whose name includes `name` (paced-medium, fire-hose, ...)
//   BENCH_ARGS="..."   extra harness options (for example --trace or --time-domain threadTicks)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = resolve(ROOT, process.env.SHARED_BENCH ?? '../shared/bench');
const REPS = process.env.BENCH_REPS ?? '3';
const OUT = join(ROOT, 'bench/out/token-view');
const EMBED = join(ROOT, 'dist/stream-chat-elements.js');
const OFF = '{"highlighter":null}';
const ALL =
  'null-sink,single-shot,naive-per-frame,block-memo,streaming-markdown,tail-incremental,tail-incremental-cv,candidate';
const doc = (name) => join(ROOT, 'bench/docs', name);

/** The runs of bench/RESULTS.md: [name, document, rate (0 = fire-hose), candidate props]. */
const RUNS = [
  ['paced-medium', 'docs/medium.md', 2000, OFF],
  ['paced-code', doc('code-18k.md'), 2000, OFF],
  ['fire-hose-references', doc('references-112k.md'), 0, OFF],
  ['paced-small-300', 'docs/small.md', 300, OFF],
  ['paced-medium-defaults', 'docs/medium.md', 2000, '{}'],
  ['paced-code-defaults', doc('code-18k.md'), 2000, '{}'],
];

if (!existsSync(join(SHARED, 'run.mjs'))) {
  console.error(`The shared harness is not at ${SHARED}: set SHARED_BENCH to its folder.`);
  process.exit(1);
}
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: 'inherit' });
run('npm', ['run', '--silent', 'build:lib'], ROOT);
run('npm', ['run', '--silent', 'build:embed'], ROOT);
const harness = mkdtempSync(join(tmpdir(), 'sce-bench-'));
cpSync(SHARED, harness, { recursive: true });
run('npm', ['ci', '--silent', '--no-audit', '--no-fund'], harness);
mkdirSync(OUT, { recursive: true });
const extra = (process.env.BENCH_ARGS ?? '').split(/\s+/).filter(Boolean);
for (const [name, file, rate, props] of RUNS) {
  if (process.env.BENCH_ONLY && !name.includes(process.env.BENCH_ONLY)) continue;
  console.log(`\n### ${name}\n`);
  const strategies = props === OFF ? ALL : 'null-sink,single-shot,candidate';
  run(
    process.execPath,
    [
      'run.mjs',
      ...['--doc', file, '--reps', REPS, '--strategies', strategies, '--tag', name],
      ...(rate ? ['--rate', String(rate)] : []),
      ...['--candidate-module', EMBED, '--candidate-props', props, '--out', OUT, '--quiet'],
      ...extra,
    ],
    harness,
  );
}
