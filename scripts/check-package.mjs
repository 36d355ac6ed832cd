// Checks what `npm publish` would ship (run after `npm run build`; publint and attw check the
// metadata and the types, this checks the contents):
// - only dist/, README, LICENSE, CHANGELOG and package.json are in the tarball;
// - every file package.json points at (exports, main, types, customElements, web-types) is in it,
//   and so are the types, the manifest and the editor data of a complete build;
// - every relative import in the shipped JavaScript resolves to a shipped file;
// - every bare import is a dependency or peer dependency, and the embed has none.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { init, parse } from 'es-module-lexer';

const ROOT_FILES = new Set(['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']);
const EMBED = 'dist/stream-chat-elements.js';

/** @type {Record<string, any>} */
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const [report] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
);
/** @type {Set<string>} */
const shipped = new Set(report.files.map((/** @type {{ path: string }} */ file) => file.path));

/** @type {string[]} */
const problems = [];

for (const path of shipped) {
  if (!path.startsWith('dist/') && !ROOT_FILES.has(path)) problems.push(`ships ${path}`);
}
for (const path of ROOT_FILES) {
  if (!shipped.has(path)) problems.push(`does not ship ${path}`);
}

/**
 * Every file path in a package.json value (export conditions are nested objects).
 * @param {unknown} value
 * @returns {string[]}
 */
const targets = (value) =>
  typeof value === 'string'
    ? [value]
    : value !== null && typeof value === 'object'
      ? Object.values(value).flatMap(targets)
      : [];
const referenced = [
  ...targets(pkg.exports),
  ...targets([pkg.main, pkg.module, pkg.types, pkg.customElements, pkg['web-types']]),
];
for (const target of referenced) {
  const path = normalize(target);
  if (!shipped.has(path)) problems.push(`package.json points at ${target}, which is not shipped`);
}

// What a build that stopped half-way (say, only the bundles) leaves out: the types, the
// manifest and the editor data. `npm test` and `npm pack` both run the whole build first.
const COMPLETE_BUILD = [
  'dist/index.d.ts',
  'dist/define.d.ts',
  'dist/react.d.ts',
  'dist/components/stream-chat/stream-chat.d.ts',
  'dist/custom-elements.json',
  'dist/vscode.html-custom-data.json',
  'dist/vscode.css-custom-data.json',
  'dist/web-types.json',
  EMBED,
];
for (const path of COMPLETE_BUILD) {
  if (!shipped.has(path)) problems.push(`does not ship ${path}: run \`npm run build\``);
}

const allowedBare = new Set([
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
]);
/** @param {string} specifier */
const packageName = (specifier) =>
  specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : (specifier.split('/')[0] ?? specifier);

await init;
for (const path of [...shipped].filter((file) => file.endsWith('.js'))) {
  const [imports] = parse(readFileSync(path, 'utf8'), path);
  // `n` is the specifier; it is undefined for a dynamic import of a computed expression.
  for (const { n: specifier } of imports) {
    if (specifier === undefined) continue;
    if (specifier.startsWith('.')) {
      const target = join(dirname(path), specifier);
      if (!shipped.has(target)) problems.push(`${path} imports ${specifier}, which is not shipped`);
    } else if (path === EMBED || !allowedBare.has(packageName(specifier))) {
      problems.push(`${path} imports ${specifier}, which is not a dependency`);
    }
  }
}

console.log(`npm pack: ${shipped.size} files, ${report.size} bytes packed`);
if (problems.length > 0) {
  console.error(problems.map((problem) => `  ${problem}`).join('\n'));
  console.error(`\nThe package contents check failed (${problems.length} problems).`);
  process.exit(1);
}
console.log('The package contents check passed.');
