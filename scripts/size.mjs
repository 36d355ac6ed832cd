// Prints the gzip -9 size of each dist entry and fails when the embed exceeds its budget.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';

/** Budgets in bytes of gzip -9; files without one are reported only. */
const BUDGETS = new Map([
  ['stream-chat-elements.js', 40_960],
  ['index.js', undefined],
  ['define.js', undefined],
]);
/** Lazily loaded sibling chunks of the embed (the highlighter): each has its own budget. */
const CHUNK_PREFIX = 'stream-chat-elements.';
const CHUNK_BUDGET = 30_720;
/** KaTeX: the math chunk with what it imports (but the embed already has) plus its stylesheet. */
const KATEX_BUDGET = 92_160;

if (!existsSync('dist/stream-chat-elements.js')) {
  console.error('dist/ is missing or incomplete: run `npm run build` first.');
  process.exit(1);
}

/** @param {string} path */
const gzip = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
await init;
/**
 * The sibling files `file` imports: statically, and also dynamically when `dynamic`.
 * @param {string} file
 * @param {boolean} dynamic
 * @returns {string[]}
 */
function importsOf(file, dynamic) {
  const source = readFileSync(`dist/${file}`, 'utf8');
  return parse(source)[0]
    .filter((entry) => dynamic || entry.d === -1)
    .map((entry) => entry.n ?? /^`(\.\/[^`$]+)`$/.exec(source.slice(entry.s, entry.e))?.[1])
    .filter((name) => name !== undefined && name.startsWith('./'))
    .map((name) => /** @type {string} */ (name).slice(2));
}
/** @type {(file: string) => boolean} */
const nowhere = () => false;
/**
 * `files` and everything they import, transitively, without entering `stop`.
 * @param {string[]} files
 */
function closure(files, dynamic = false, stop = nowhere) {
  /** @type {Set<string>} */
  const found = new Set();
  /** @param {string} file */
  const visit = (file) => {
    if (found.has(file) || stop(file)) return;
    found.add(file);
    for (const next of importsOf(file, dynamic)) visit(next);
  };
  files.forEach(visit);
  return found;
}
const chunks = readdirSync('dist')
  .sort()
  .filter((file) => file.startsWith(CHUNK_PREFIX) && file.endsWith('.js'));
/** @param {string} name */
const chunk = (name) => chunks.filter((file) => file.startsWith(`${CHUNK_PREFIX}${name}-`));
// The embed fetches these siblings as soon as the elements are defined (Markdown engine,
// sanitiser, stream controller), with what they import: what a page downloads before its
// first answer renders.
const eager = closure([
  'stream-chat-elements.js',
  ...['engine', 'sanitize', 'stream-controller'].flatMap(chunk),
]);
// DOMPurify: the sanitiser where the browser has no HTML Sanitizer API, and the sanitiser of
// KaTeX's and Mermaid's output; a chunk of its own, reported with the other chunks.
const purify = new Set(chunk('purify.es'));
// Math: KaTeX and its stylesheet (its fonts load one by one, as formulas need them).
const katex = [...closure(chunk('math-render'))].filter(
  (file) => !eager.has(file) && !purify.has(file),
);
// Diagrams: what only Mermaid's side reaches (its diagram types load as they are drawn).
const isMermaidRoot = (/** @type {string} */ file) => chunk('diagram-render').includes(file);
const elsewhere = closure(['stream-chat-elements.js'], true, isMermaidRoot);
const mermaidOnly = [...closure(chunk('diagram-render'), true)].filter(
  (file) => !elsewhere.has(file),
);

const rows = [];
for (const [file, budget] of BUDGETS) rows.push({ file, budget });
for (const file of chunks) {
  if (file === 'stream-chat-elements.js' || mermaidOnly.includes(file) || katex.includes(file))
    continue;
  rows.push({ file, budget: CHUNK_BUDGET });
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
const katexFiles = [...katex.map((file) => `dist/${file}`), 'dist/katex/katex.min.css'];
const katexBytes = katexFiles.reduce((sum, path) => sum + gzip(path), 0);
const katexOver = katexBytes > KATEX_BUDGET;
failed ||= katexOver;
lines.push([
  `KaTeX: ${katexFiles.length} files (${katex.join(', ')}, katex.min.css)`,
  '-',
  String(katexBytes),
  String(KATEX_BUDGET),
  katexOver ? 'OVER' : 'ok',
]);
const mermaidBytes = mermaidOnly.reduce((sum, file) => sum + gzip(`dist/${file}`), 0);
const mermaidFirst = [...closure(chunk('diagram-render'))].filter((file) =>
  mermaidOnly.includes(file),
);
const firstBytes = mermaidFirst.reduce((sum, file) => sum + gzip(`dist/${file}`), 0);
lines.push([
  `Mermaid: ${mermaidOnly.length} files; ${mermaidFirst.length} load with the first diagram (${firstBytes} bytes gzip -9)`,
  '-',
  String(mermaidBytes),
  '-',
  'reported',
]);
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
const eagerBytes = [...eager].reduce((sum, file) => sum + gzip(`dist/${file}`), 0);
console.log(`\nembed + the chunks it prefetches at define time: ${eagerBytes} bytes gzip -9`);
if (failed) {
  console.error('\nSize budget exceeded (or a file is missing).');
  process.exit(1);
}
