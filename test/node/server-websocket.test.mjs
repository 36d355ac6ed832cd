// The WebSocket bridge of stream-chat-elements/server against a real `ws` backend on
// 127.0.0.1: backend messages re-encoded as OpenAI SSE (read back with the kit's own openai
// decoder, through sseTransport), stop sent and the socket closed when the browser stops.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import {
  freePort,
  jsonPost,
  serveHandler,
  sleep,
  startWebSocketBackend,
  until,
} from './helpers/upstream.mjs';

/** @param {string} file @returns {Promise<any>} */
const dist = (file) => import(new URL(`../../dist/${file}`, import.meta.url).href);
const { createChatHandler, toNodeHandler, defaultDecode } = await dist('server/index.js');
const { sseTransport } = await dist('index.js');

const question = { messages: [{ role: 'user', content: 'Hi' }] };

/** @param {any} transport */
async function collect(transport, signal = new AbortController().signal) {
  const out = { text: '', reasoning: '', reason: /** @type {string | undefined} */ (undefined) };
  for await (const part of transport.stream(question, { signal })) {
    if (part.type === 'text') out.text += part.text;
    if (part.type === 'reasoning') out.reasoning += part.text;
    if (part.type === 'finish') out.reason = part.reason;
  }
  return out;
}

describe('WebSocket backend bridged to SSE', () => {
  /** @type {Awaited<ReturnType<typeof startWebSocketBackend>>} */
  let backend;
  before(async () => {
    backend = await startWebSocketBackend(async (socket, request) => {
      const prompt = request.messages?.at(-1)?.content ?? request.prompt;
      if (prompt === 'drip') {
        for (let i = 0; i < 1000 && socket.readyState === socket.OPEN; i += 1) {
          socket.send(JSON.stringify({ token: `t${i} ` }));
          await sleep(20);
        }
        return;
      }
      if (prompt === 'drop') {
        socket.send(JSON.stringify({ token: 'Half' }));
        await sleep(20);
        return socket.terminate();
      }
      if (prompt === 'fail')
        return socket.send(JSON.stringify({ error: { message: 'GPU on fire' } }));
      if (prompt === 'silent') {
        socket.send(JSON.stringify({ token: 'Wait' }));
        await sleep(200);
      }
      socket.send(JSON.stringify({ reasoning: 'Hmm. ' }));
      for (const token of ['Hé', 'llo', ' 😀']) socket.send(JSON.stringify({ token }));
      socket.send(JSON.stringify({ done: true }));
    });
  });
  after(() => backend.close());

  /** @param {Record<string, unknown>} [extra] @param {Record<string, unknown>} [options] */
  const serve = (extra = {}, options = {}) =>
    serveHandler(
      toNodeHandler,
      createChatHandler({
        upstream: { ws: backend.url, WebSocket, model: 'ws-model', ...extra },
        ...options,
      }),
    );

  test('re-encodes {token}/{reasoning}/{done} as SSE that the kit’s openai decoder reads', async () => {
    const server = await serve();
    try {
      const out = await collect(sseTransport({ url: `${server.url}/chat`, protocol: 'openai' }));
      assert.deepEqual(out, { text: 'Héllo 😀', reasoning: 'Hmm. ', reason: 'stop' });
      const sent = JSON.parse(backend.messages.at(-1)?.data ?? '{}');
      assert.deepEqual(sent, { model: 'ws-model', messages: question.messages, stream: true });
      await until(() => backend.open() === 0, 'the socket to close after the answer');
    } finally {
      await server.close();
    }
  });

  test('the global WebSocket or `ws` is found without being passed', async () => {
    const handler = createChatHandler({ upstream: { ws: backend.url } });
    const response = await handler(new Request('http://localhost/chat', jsonPost(question)));
    assert.match(await response.text(), /data: \[DONE\]\n\n$/);
  });

  test('custom encode/decode, and headers through the constructor options', async () => {
    const server = await serve({
      encode: (/** @type {any} */ request) => ({ prompt: request.messages.at(-1).content }),
      decode: (/** @type {string} */ message) => {
        const value = JSON.parse(message);
        return value.token
          ? { type: 'text', text: value.token.toUpperCase() }
          : value.done
            ? { type: 'done', reason: 'length' }
            : null;
      },
      options: { headers: { authorization: 'Bearer ws-secret' } },
    });
    try {
      const response = await fetch(`${server.url}/chat`, jsonPost(question));
      const body = await response.text();
      assert.doesNotMatch(body, /ws-secret/);
      assert.match(body, /"HÉ"/);
      assert.match(body, /"finish_reason":"length"/);
      assert.deepEqual(JSON.parse(backend.messages.at(-1)?.data ?? '{}'), { prompt: 'Hi' });
      assert.equal(backend.handshakes.at(-1)?.authorization, 'Bearer ws-secret');
    } finally {
      await server.close();
    }
  });

  test('stop: the stop message, then the socket closes at once', async (t) => {
    const server = await serve();
    try {
      const controller = new AbortController();
      const response = await fetch(`${server.url}/chat`, {
        ...jsonPost({ messages: [{ role: 'user', content: 'drip' }] }),
        signal: controller.signal,
      });
      await /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader().read();
      const closes = backend.closes.length;
      const abortedAt = performance.now();
      controller.abort();
      await until(() => backend.closes.length > closes, 'the backend to see the close');
      const ms = /** @type {number} */ (backend.closes.at(-1)?.at) - abortedAt;
      const stopMs = /** @type {number} */ (backend.messages.at(-1)?.at) - abortedAt;
      t.diagnostic(
        `stop message after ${stopMs.toFixed(1)} ms, socket closed after ${ms.toFixed(1)} ms`,
      );
      assert.ok(ms < 1000, `closed ${ms} ms after the abort`);
      assert.equal(backend.messages.at(-1)?.data, '{"type":"stop"}', 'the stop message came first');
      assert.equal(backend.closes.at(-1)?.code, 1000);
    } finally {
      await server.close();
    }
  });

  test('stop: null closes without a message; 200 aborted streams leave no socket open', async () => {
    const server = await serve({ stop: null });
    const stops = backend.messages.filter((message) => message.data === '{"type":"stop"}').length;
    try {
      for (let batch = 0; batch < 4; batch += 1) {
        await Promise.all(
          Array.from({ length: 50 }, async () => {
            const controller = new AbortController();
            const response = await fetch(`${server.url}/chat`, {
              ...jsonPost({ messages: [{ role: 'user', content: 'drip' }] }),
              signal: controller.signal,
            });
            await /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader().read();
            controller.abort();
          }),
        );
      }
      await until(() => backend.open() === 0, 'every backend socket to close', 10_000);
      assert.equal(
        backend.messages.filter((message) => message.data === '{"type":"stop"}').length,
        stops,
      );
    } finally {
      await server.close();
    }
  });

  test('a backend error becomes an error event the client reports as the message', async () => {
    const server = await serve();
    try {
      const transport = sseTransport({ url: `${server.url}/chat`, protocol: 'openai' });
      await assert.rejects(
        async () => {
          for await (const part of transport.stream(
            { messages: [{ role: 'user', content: 'fail' }] },
            { signal: new AbortController().signal },
          ))
            void part;
        },
        (/** @type {any} */ error) =>
          error.code === 'provider' && /GPU on fire/.test(error.message),
      );
    } finally {
      await server.close();
    }
  });

  test('a socket that closes mid-answer breaks the SSE: network error, partial kept', async () => {
    const server = await serve();
    try {
      let text = '';
      await assert.rejects(
        async () => {
          const transport = sseTransport({ url: `${server.url}/chat`, protocol: 'openai' });
          for await (const part of transport.stream(
            { messages: [{ role: 'user', content: 'drop' }] },
            {
              signal: new AbortController().signal,
            },
          )) {
            if (part.type === 'text') text += part.text;
          }
        },
        (/** @type {any} */ error) => error.code === 'network',
      );
      assert.equal(text, 'Half');
    } finally {
      await server.close();
    }
  });

  test('keep-alive comments during the backend’s silence', async () => {
    const server = await serve({}, { keepAlive: 40 });
    try {
      const response = await fetch(
        `${server.url}/chat`,
        jsonPost({ messages: [{ role: 'user', content: 'silent' }] }),
      );
      assert.match(await response.text(), /"Wait"[^\n]*\n\n(: keep-alive\n\n)+data: /);
    } finally {
      await server.close();
    }
  });

  test('an unreachable backend answers 502 with a message', async () => {
    const port = await freePort();
    const handler = createChatHandler({ upstream: { ws: `ws://127.0.0.1:${port}/`, WebSocket } });
    const response = await handler(new Request('http://localhost/chat', jsonPost(question)));
    assert.equal(response.status, 502);
    assert.match(
      (await response.json()).error.message,
      new RegExp(`WebSocket backend at 127\\.0\\.0\\.1:${port} is unreachable`),
    );
  });
});

test('defaultDecode reads the common message shapes', () => {
  assert.deepEqual(defaultDecode('{"token":"a"}'), [{ type: 'text', text: 'a' }]);
  assert.deepEqual(defaultDecode('{"text":"a","done":true,"reason":"stop"}'), [
    { type: 'text', text: 'a' },
    { type: 'done', reason: 'stop' },
  ]);
  assert.deepEqual(defaultDecode('{"thinking":"r"}'), [{ type: 'reasoning', text: 'r' }]);
  assert.deepEqual(defaultDecode('{"type":"done"}'), [{ type: 'done' }]);
  assert.deepEqual(defaultDecode('[DONE]'), [{ type: 'done' }]);
  assert.deepEqual(defaultDecode('{"error":"no"}'), [{ type: 'error', message: 'no' }]);
  assert.deepEqual(defaultDecode('{"type":"error","message":"bad"}'), [
    { type: 'error', message: 'bad' },
  ]);
  assert.deepEqual(defaultDecode('plain words'), [{ type: 'text', text: 'plain words' }]);
  assert.deepEqual(defaultDecode('{"type":"ping"}'), []);
});
