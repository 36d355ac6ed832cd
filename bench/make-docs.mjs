// Writes the project's benchmark documents for the shared harness (../shared/bench) into
// bench/docs/: `npm run bench` streams them. They come from bench/token-view-docs.ts.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const { outputFiles } = await build({
  entryPoints: [new URL('./token-view-docs.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
});
const docs = await import(
  `data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`
);
const dir = new URL('./docs/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('references-112k.md', dir), docs.referenceAnswer());
writeFileSync(new URL('code-18k.md', dir), docs.codeAnswer());
