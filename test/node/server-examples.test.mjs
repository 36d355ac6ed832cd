// The server examples of the README (examples/server/) are type-checked by
// `tsc -p tsconfig.server.json` (npm run typecheck); here the Express and Hono ones run, built
// with esbuild against the server entry's source, in front of a real upstream on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { jsonPost, startUpstream } from './helpers/upstream.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const outDir = mkdtempSync(join(tmpdir(), 'sce-server-examples-'));
const SSE = 'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: [DONE]\n\n';

/** Bundles one example (dependencies included) to CommonJS and loads it. @param {string} name */
async function load(name) {
  const outfile = join(outDir, `${name}.cjs`);
  await build({
    entryPoints: [`${ROOT}examples/server/${name}.ts`],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    alias: { 'stream-chat-elements/server': `${ROOT}src/server/index.ts` },
    external: ['ws'],
    logLevel: 'silent',
  });
  return createRequire(import.meta.url)(outfile);
}

/** @type {Awaited<ReturnType<typeof startUpstream>>} */
let upstream;
before(async () => {
  upstream = await startUpstream((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(SSE);
  });
  process.env.OPENAI_BASE_URL = `${upstream.url}/v1`;
  process.env.OPENAI_API_KEY = 'sk-example';
  process.env.ANTHROPIC_BASE_URL = upstream.url;
  process.env.ANTHROPIC_API_KEY = 'sk-ant-example';
});
after(async () => {
  await upstream.close();
  rmSync(outDir, { recursive: true, force: true });
});

test('the Express example streams through toNodeHandler and checks the session first', async () => {
  const { createApp } = await load('express');
  const server = createApp().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const url = `http://127.0.0.1:${server.address().port}/api/chat`;
    const body = { messages: [{ role: 'user', content: 'Hello' }] };
    assert.equal((await fetch(url, jsonPost(body))).status, 401);
    const response = await fetch(url, jsonPost(body, { cookie: 'session=abc' }));
    assert.equal(response.headers.get('cache-control'), 'no-cache, no-transform');
    assert.equal(await response.text(), SSE);
    assert.equal(upstream.requests.at(-1)?.headers.authorization, 'Bearer sk-example');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('the Hono example answers through app.fetch, as Bun, Deno and workers call it', async () => {
  const { app } = await load('hono');
  const response = await app.fetch(
    new Request(
      'http://localhost/api/chat',
      jsonPost({ messages: [{ role: 'user', content: 'Hi' }] }),
    ),
  );
  assert.equal(await response.text(), SSE);
  assert.equal(upstream.requests.at(-1)?.path, '/v1/messages');
  assert.equal(upstream.requests.at(-1)?.headers['x-api-key'], 'sk-ant-example');
});
