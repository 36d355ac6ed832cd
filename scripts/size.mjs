// Prints the gzip -9 size of each dist entry and fails when the embed exceeds its budget.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Budgets in bytes of gzip -9; files without one are reported only. */
const BUDGETS = new Map([
  ['stream-chat-elements.js', 40_960],
  ['index.js', undefined],
  ['define.js', undefined],
]);
/** Lazily loaded sibling chunks of the embed (the highlighter): each has its own budget. */
const CHUNK_PREFIX = 'stream-chat-elements.';
const CHUNK_BUDGET = 30_720;

if (!existsSync('dist/stream-chat-elements.js')) {
  console.error('dist/ is missing or incomplete: run `npm run build` first.');
  process.exit(1);
}

const rows = [];
for (const [file, budget] of BUDGETS) rows.push({ file, budget });
for (const file of readdirSync('dist').sort()) {
  if (file.startsWith(CHUNK_PREFIX) && file.endsWith('.js') && file !== 'stream-chat-elements.js') {
    rows.push({ file, budget: CHUNK_BUDGET });
  }
}

let failed = false;
const lines = [['file', 'bytes', 'gzip -9', 'budget', '']];
for (const { file, budget } of rows) {
  const path = `dist/${file}`;
  if (!existsSync(path)) {
    lines.push([file, '-', '-', '-', 'MISSING']);
    failed = true;
    continue;
  }
  const source = readFileSync(path);
  const gzip = gzipSync(source, { level: 9 }).length;
  const over = budget !== undefined && gzip > budget;
  failed ||= over;
  lines.push([
    file,
    String(source.length),
    String(gzip),
    budget === undefined ? '-' : String(budget),
    over ? 'OVER' : 'ok',
  ]);
}
const header = lines[0] ?? [];
const widths = header.map((_, column) =>
  Math.max(...lines.map((line) => (line[column] ?? '').length)),
);
for (const line of lines) {
  console.log(
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
// The embed fetches these siblings as soon as the elements are defined (Markdown engine,
// sanitiser, stream controller): report what a page downloads before its first answer renders.
const eager = /^stream-chat-elements\.(engine|sanitize|stream-controller)-/;
const eagerBytes = readdirSync('dist')
  .filter((file) => eager.test(file) || file === 'stream-chat-elements.js')
  .reduce((sum, file) => sum + gzipSync(readFileSync(`dist/${file}`), { level: 9 }).length, 0);
console.log(`\nembed + the chunks it prefetches at define time: ${eagerBytes} bytes gzip -9`);
if (failed) {
  console.error('\nSize budget exceeded (or a file is missing).');
  process.exit(1);
}
