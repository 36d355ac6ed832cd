// The README's "Use it with …" examples must be the files the tests run and type-check.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const examples = new URL('../../examples/', import.meta.url);

/** Example files users copy (the tsconfig and svelte.config files only serve the checks). */
const files = readdirSync(examples, { recursive: true, encoding: 'utf8' }).filter((path) =>
  /\.(html|tsx?|vue|svelte)$/.test(path),
);

test('every example is there to check', () => {
  assert.ok(files.length >= 9, `found ${files.join(', ')}`);
});

for (const path of files) {
  test(`README quotes examples/${path} as it is`, () => {
    const source = readFileSync(new URL(path, examples), 'utf8').trimEnd();
    assert.ok(readme.includes(`\n${source}\n\`\`\``), `README.md has no code block ending with it`);
  });
}
