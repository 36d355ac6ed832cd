// Loads stream-chat-elements/server from its TypeScript source, for the demo's upstream mode
// (and the browser tests' server routes), so `npm start` on a fresh clone needs no build first.
// esbuild bundles src/server/ into one module in memory; the module imports nothing at the top
// level (its optional `ws` import only runs when no WebSocket class is passed).
import { build } from 'esbuild';

const ENTRY = new URL('../../src/server/index.ts', import.meta.url).pathname;

/** @type {Promise<typeof import('../../src/server/index.js')> | undefined} */
let loaded;

/** @returns {Promise<typeof import('../../src/server/index.js')>} */
export function loadServerEntry() {
  loaded ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['ws'],
    logLevel: 'silent',
  }).then(({ outputFiles }) => {
    const code = /** @type {NonNullable<typeof outputFiles[0]>} */ (outputFiles[0]).text;
    return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  });
  return loaded;
}
