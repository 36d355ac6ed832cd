// `npm test` builds before it tests (pretest), and what it leaves in dist/ must be a package
// that could be published as it is: types, manifest and editor data included. An earlier
// pretest ran only the bundle builds, which empty dist/ and left a package without them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';

const ROOT = new URL('../../', import.meta.url);
/** @type {{ scripts: Record<string, string> }} */
const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8'));

test('pretest and prepack run the whole build', () => {
  assert.match(pkg.scripts.pretest ?? '', /\bnpm run build\b(?!:)/);
  assert.match(pkg.scripts.prepack ?? '', /\bnpm run build\b(?!:)/);
});

test('the packed tarball of the dist/ that pretest left has types, manifest and editor data', async () => {
  const { stdout } = await promisify(execFile)('node', ['scripts/check-package.mjs'], {
    cwd: ROOT,
  });
  assert.match(stdout, /The package contents check passed\./);
});
