// The demo's mock model server, from the outside: real HTTP and WebSocket clients against
// startMockServer on a free 127.0.0.1 port, one reference decoder per protocol.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createParser } from 'eventsource-parser';
import { WebSocket } from 'ws';
import { ANSWERS_BY_ID, chooseAnswer, hugeAnswer } from '../../demo/server/answers.mjs';
import { HTTP_ROUTES, startMockServer } from '../../demo/server/mock-server.mjs';
import { tokenize } from '../../demo/server/tokenize.mjs';

/** @typedef {{ text: string, reasoning: string, done: boolean, errors: string[], frames: number }} Decoded */

/** @returns {Decoded} */
const empty = () => ({ text: '', reasoning: '', done: false, errors: [], frames: 0 });

/**
 * Reference decoders: what each protocol's frames mean, written from the providers' docs.
 * @type {Record<string, (out: Decoded, data: string, event?: string) => void>}
 */
const DECODERS = {
  openai(out, data) {
    if (data === '[DONE]') return void (out.done = true);
    const chunk = JSON.parse(data);
    if (chunk.error) return void out.errors.push(chunk.error.message);
    const delta = chunk.choices[0]?.delta ?? {};
    out.text += delta.content ?? '';
    out.reasoning += delta.reasoning_content ?? '';
  },
  'openai-responses'(out, data, event) {
    const value = JSON.parse(data);
    if (event !== undefined) assert.equal(value.type, event, 'the event name repeats the type');
    if (value.type === 'response.output_text.delta') out.text += value.delta;
    if (value.type === 'response.reasoning_summary_text.delta') out.reasoning += value.delta;
    if (value.type === 'response.completed') out.done = true;
    if (value.type === 'response.failed') out.errors.push(value.response.error.message);
  },
  anthropic(out, data, event) {
    const value = JSON.parse(data);
    if (event !== undefined) assert.equal(value.type, event, 'the event name repeats the type');
    if (value.type === 'content_block_delta' && value.delta.type === 'text_delta')
      out.text += value.delta.text;
    if (value.type === 'content_block_delta' && value.delta.type === 'thinking_delta')
      out.reasoning += value.delta.thinking;
    if (value.type === 'message_stop') out.done = true;
    if (value.type === 'error') out.errors.push(value.error.message);
  },
  dify(out, data) {
    const value = JSON.parse(data);
    if (value.event === 'message') out.text += value.answer;
    if (value.event === 'message_end') out.done = true;
    if (value.event === 'error') out.errors.push(value.message);
  },
  ollama(out, data) {
    const value = JSON.parse(data);
    if (value.error) return void out.errors.push(value.error);
    out.text += value.message.content;
    out.reasoning += value.message.thinking ?? '';
    if (value.done) out.done = true;
  },
  'ai-sdk'(out, data) {
    if (data === '[DONE]') return void (out.done = true);
    const value = JSON.parse(data);
    if (value.type === 'text-delta') out.text += value.delta;
    if (value.type === 'reasoning-delta') out.reasoning += value.delta;
    if (value.type === 'error') out.errors.push(value.errorText);
  },
  text(out, data) {
    out.text += data;
  },
};

const FRAMING = /** @type {Record<string, 'sse' | 'ndjson' | 'text'>} */ ({
  ollama: 'ndjson',
  text: 'text',
});

/**
 * Decodes a whole HTTP response of `protocol`.
 * @param {Response} response @param {string} protocol
 * @returns {Promise<Decoded>}
 */
async function decodeResponse(response, protocol) {
  const out = empty();
  const decode = /** @type {NonNullable<typeof DECODERS[string]>} */ (DECODERS[protocol]);
  const framing = FRAMING[protocol] ?? 'sse';
  const body = await response.text();
  if (framing === 'text') decode(out, body);
  else if (framing === 'ndjson') {
    for (const line of body.split('\n').filter(Boolean)) {
      out.frames += 1;
      decode(out, line);
    }
  } else {
    const parser = createParser({
      onEvent: ({ event, data }) => {
        if (event === 'ping' && data === '') return;
        out.frames += 1;
        decode(out, data, event);
      },
    });
    parser.feed(body);
  }
  return out;
}

/** @param {Response} response @returns {Promise<any>} */
const json = (response) => response.json();

/** @param {string} content */
const chat = (content) => ({ model: 'test-model', messages: [{ role: 'user', content }] });

/** @param {string} base @param {string} path @param {unknown} body @param {RequestInit} [init] */
const post = (base, path, body, init = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });

/** @param {() => boolean} condition @param {string} what */
async function until(condition, what) {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('tokenize', () => {
  test('joins back to every answer exactly, in LLM-sized pieces', () => {
    for (const answer of Object.values(ANSWERS_BY_ID)) {
      for (const text of [answer.text, answer.reasoning ?? '']) {
        const tokens = tokenize(text);
        assert.equal(tokens.join(''), text, answer.id);
        const average = text.length / Math.max(tokens.length, 1);
        assert.ok(text === '' || (average > 1.5 && average < 6), `${answer.id}: ${average}`);
      }
    }
  });

  test('keeps a leading space with its word, splits long words and CJK text', () => {
    assert.deepEqual(tokenize('Hello world'), ['Hello', ' world']);
    assert.deepEqual(tokenize(' incrementally'), [' incr', 'ement', 'ally']);
    assert.deepEqual(tokenize('流式输出。'), ['流式', '输出', '。']);
    assert.deepEqual(tokenize('a\n\n```js'), ['a', '\n', '\n', '```', 'js']);
  });
});

describe('answers', () => {
  test('are chosen by keywords in the prompt', () => {
    assert.equal(chooseAnswer('').id, 'welcome');
    assert.equal(chooseAnswer('read a file in several languages').id, 'code');
    assert.equal(chooseAnswer('compare the transports').id, 'table');
    assert.equal(chooseAnswer('give me a launch checklist').id, 'list');
    assert.equal(chooseAnswer('explain streaming UIs in detail').id, 'long');
    assert.equal(chooseAnswer('用中文介绍一下流式输出').id, 'chinese');
    assert.equal(chooseAnswer('مرحبا').id, 'arabic');
    assert.equal(chooseAnswer('show me an XSS attempt').id, 'hostile');
    assert.equal(chooseAnswer('Math and diagrams').id, 'math');
    const reasoning = chooseAnswer('think: how many r in strawberry?');
    assert.equal(reasoning.id, 'reasoning');
    assert.ok(reasoning.reasoning);
  });

  test('cover code in several languages, tables and nested lists', () => {
    const code = chooseAnswer('code').text;
    for (const language of ['python', 'ts', 'rust', 'go', 'bash'])
      assert.match(code, new RegExp('```' + language + '\\n'));
    assert.match(chooseAnswer('table').text, /^\| --- \|/m);
    assert.match(chooseAnswer('checklist').text, /^ {5}- /m);
    assert.ok(chooseAnswer('in detail').text.length > 3000);
  });

  test('/huge builds an answer of the asked size', () => {
    const text = chooseAnswer('/huge 100kb').text;
    assert.ok(text.length >= 100_000 && text.length < 110_000, String(text.length));
    assert.equal(hugeAnswer(10).length > 10, true);
  });
});

describe('mock model server over HTTP', () => {
  /** @type {Awaited<ReturnType<typeof startMockServer>>} */
  let server;
  before(async () => {
    server = await startMockServer({ rate: 0 });
  });
  after(() => server.close());

  for (const [path, protocol] of Object.entries(HTTP_ROUTES)) {
    test(`${path} streams the answer in the ${protocol} protocol`, async () => {
      const response = await post(server.url, path, chat('think: how many r in strawberry?'));
      assert.equal(response.status, 200);
      const expected = chooseAnswer('think');
      const decoded = await decodeResponse(response, protocol);
      assert.equal(decoded.text, expected.text);
      assert.deepEqual(decoded.errors, []);
      if (protocol !== 'text') {
        assert.ok(decoded.done, 'ends with the protocol’s end frame');
        assert.ok(decoded.frames > tokenize(expected.text).length, 'one frame per token');
      }
      const hasReasoning = !['dify', 'text'].includes(protocol);
      assert.equal(decoded.reasoning, hasReasoning ? expected.reasoning : '');
    });
  }

  test('the AI SDK stream carries its protocol header; OpenAI usage when asked', async () => {
    const aiSdk = await post(server.url, '/api/ai-sdk/chat', chat('hi'));
    assert.equal(aiSdk.headers.get('x-vercel-ai-ui-message-stream'), 'v1');
    await aiSdk.body?.cancel();
    const body = { ...chat('hi'), stream: true, stream_options: { include_usage: true } };
    const text = await (await post(server.url, '/v1/chat/completions', body)).text();
    assert.match(text, /"choices":\[\],"usage":\{"prompt_tokens":\d+,"completion_tokens":\d+/);
    assert.match(text, /"model":"test-model"/);
  });

  test('reads the prompt from every request dialect', async () => {
    const bodies = {
      '/v1/responses': {
        input: [{ role: 'user', content: [{ type: 'input_text', text: 'table' }] }],
      },
      '/v1/messages': { messages: [{ role: 'user', content: [{ type: 'text', text: 'table' }] }] },
      '/v1/chat-messages': { query: 'table', inputs: {}, response_mode: 'streaming' },
      '/api/ai-sdk/chat': {
        messages: [{ id: '1', role: 'user', parts: [{ type: 'text', text: 'table' }] }],
      },
      '/api/text': 'table',
    };
    for (const [path, body] of Object.entries(bodies)) {
      const protocol = /** @type {string} */ (
        HTTP_ROUTES[/** @type {keyof typeof HTTP_ROUTES} */ (path)]
      );
      const decoded = await decodeResponse(await post(server.url, path, body), protocol);
      assert.equal(decoded.text, chooseAnswer('table').text, path);
    }
    const get = await fetch(`${server.url}/api/text?prompt=${encodeURIComponent('table')}`);
    assert.equal(await get.text(), chooseAnswer('table').text, 'GET ?prompt=');
  });

  test('/error answers the status with the protocol’s error body; a retry recovers', async () => {
    const first = await post(server.url, '/v1/chat/completions', chat('/error 500'));
    assert.equal(first.status, 500);
    assert.match((await json(first)).error.message, /simulated HTTP 500/);
    const retry = await post(server.url, '/v1/chat/completions', chat('/error 500'));
    assert.equal(retry.status, 200);
    assert.match((await decodeResponse(retry, 'openai')).text, /^\*\*Recovered\.\*\*/);
    const third = await post(server.url, '/v1/chat/completions', chat('/error 500'));
    assert.equal(third.status, 500, 'and the next attempt fails again');
    await third.body?.cancel();

    const limited = await post(server.url, '/v1/messages', chat('/error 429'));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.equal((await json(limited)).error.type, 'rate_limit_error');
    const dify = await post(server.url, '/v1/chat-messages', { query: '/error 503' });
    assert.deepEqual(Object.keys(await json(dify)).sort(), ['code', 'message', 'status']);
  });

  test('/drop cuts the connection after part of the answer', async () => {
    const response = await post(server.url, '/api/text', chat('/drop'));
    assert.equal(response.status, 200);
    await assert.rejects(response.text(), TypeError);
    const retry = await post(server.url, '/api/text', chat('/drop'));
    assert.match(await retry.text(), /Recovered/);
  });

  test('/malformed ends with a frame that is not valid JSON', async () => {
    for (const [path, protocol] of Object.entries(HTTP_ROUTES)) {
      if (protocol === 'text') continue;
      const response = await post(server.url, path, chat('/malformed'));
      await assert.rejects(decodeResponse(response, protocol), SyntaxError, path);
    }
  });

  test('rejects a body that is not JSON with a 400 in the protocol’s shape', async () => {
    const response = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      body: '{"messages": [',
    });
    assert.equal(response.status, 400);
    assert.match((await json(response)).error, /not valid JSON/);
  });

  test('answers CORS preflights, lists its model, 404s other paths', async () => {
    const preflight = await fetch(`${server.url}/v1/chat/completions`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.equal((await json(await fetch(`${server.url}/v1/models`))).data[0].id, 'mock-1');
    assert.equal((await fetch(`${server.url}/nothing`)).status, 404);
  });
});

describe('mock model pacing and cancellation', () => {
  /** @type {Awaited<ReturnType<typeof startMockServer>>} */
  let server;
  before(async () => {
    server = await startMockServer({ rate: 40 });
  });
  after(() => server.close());

  test('paces tokens at ?rate= (never faster) in many separate chunks', async () => {
    const started = performance.now();
    const response = await post(server.url, '/api/text?rate=300', chat('hello'));
    const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
    let chunks = 0;
    while (!(await reader.read()).done) chunks += 1;
    const tokens = tokenize(chooseAnswer('').text).length;
    assert.ok(
      performance.now() - started >= (tokens / 300) * 1000 - 50,
      'not faster than the rate',
    );
    assert.ok(chunks > 10, `streamed in ${chunks} chunks`);
  });

  test('/slow waits before the first token', async () => {
    const started = performance.now();
    const controller = new AbortController();
    const response = await post(server.url, '/api/text', chat('/slow'), {
      signal: controller.signal,
    });
    const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
    await reader.read();
    assert.ok(performance.now() - started >= 1900);
    controller.abort();
    await until(() => server.mock.stats().open === 0, 'the slow reply to stop');
  });

  test('stops generating when the client goes away', async () => {
    const before = server.mock.stats();
    const controller = new AbortController();
    const response = await post(server.url, '/v1/chat/completions?rate=20', chat('in detail'), {
      signal: controller.signal,
    });
    const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
    await reader.read();
    assert.equal(server.mock.stats().open, 1);
    controller.abort();
    await until(() => server.mock.stats().open === 0, 'the reply to stop');
    assert.equal(server.mock.stats().aborted, before.aborted + 1);
    assert.equal(server.mock.stats().finished, before.finished);
  });
});

describe('mock model over WebSocket', () => {
  /** @type {Awaited<ReturnType<typeof startMockServer>>} */
  let server;
  before(async () => {
    server = await startMockServer({ rate: 0 });
  });
  after(() => server.close());

  /** @param {string} query @returns {Promise<WebSocket>} */
  const connect = async (query) => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws${query}`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return socket;
  };

  /**
   * Sends one request and decodes the frames until the protocol's end.
   * @param {WebSocket} socket @param {string} protocol @param {string} prompt
   */
  const turn = (socket, protocol, prompt) =>
    new Promise((resolve) => {
      const out = empty();
      const decode = /** @type {NonNullable<typeof DECODERS[string]>} */ (DECODERS[protocol]);
      /** @param {import('ws').RawData} data */
      const onMessage = (data) => {
        out.frames += 1;
        decode(out, String(data));
        if (out.done || out.errors.length > 0) finish();
      };
      const finish = () => {
        socket.off('message', onMessage);
        resolve(out);
      };
      socket.on('message', onMessage);
      socket.once('close', finish);
      socket.send(JSON.stringify(chat(prompt)));
    });

  test('answers several turns on one socket in the OpenAI protocol', async () => {
    const socket = await connect('?protocol=openai');
    const first = /** @type {Decoded} */ (await turn(socket, 'openai', 'table'));
    assert.equal(first.text, chooseAnswer('table').text);
    const second = /** @type {Decoded} */ (await turn(socket, 'openai', 'think'));
    assert.equal(second.reasoning, chooseAnswer('think').reasoning);
    assert.equal(socket.readyState, WebSocket.OPEN);
    socket.close();
  });

  test('pushes bare text frames and closes the socket to end a text answer', async () => {
    const socket = await connect('?protocol=text');
    const closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
    const decoded = /** @type {Decoded} */ (await turn(socket, 'text', 'hello'));
    assert.equal(decoded.text, chooseAnswer('hello').text);
    assert.equal(await closed, 1000);
  });

  test('obeys a stop frame and keeps the socket for the next turn', async () => {
    const socket = await connect('?protocol=openai&rate=20');
    const before = server.mock.stats().aborted;
    let frames = 0;
    const firstFrames = new Promise((resolve) =>
      socket.on('message', () => {
        frames += 1;
        if (frames === 3) resolve(undefined);
      }),
    );
    socket.send(JSON.stringify(chat('in detail')));
    await firstFrames;
    socket.send(JSON.stringify({ type: 'stop' }));
    await until(() => server.mock.stats().aborted === before + 1, 'the stop frame');
    const afterStop = frames;
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(frames - afterStop <= 1, 'at most a frame already in flight');
    socket.removeAllListeners('message');
    assert.equal(socket.readyState, WebSocket.OPEN);
    socket.close();
  });

  test('reports faults in-band: error frames, a dropped socket, close codes for text', async () => {
    const socket = await connect('?protocol=anthropic');
    const failed = /** @type {Decoded} */ (await turn(socket, 'anthropic', '/error 500'));
    assert.match(failed.errors[0] ?? '', /simulated HTTP 500/);
    const dropped = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify(chat('/drop')));
    assert.equal(await dropped, 1006, 'terminated without a close frame');

    const text = await connect('?protocol=text');
    const closed = new Promise((resolve) => text.once('close', (code) => resolve(code)));
    text.send(JSON.stringify(chat('/error 429')));
    assert.equal(await closed, 1013);
  });

  test('refuses an unknown protocol with close code 1008', async () => {
    const socket = await connect('?protocol=nope');
    assert.equal(await new Promise((resolve) => socket.once('close', resolve)), 1008);
  });
});

describe('upstream mode', () => {
  /** @type {Awaited<ReturnType<typeof startMockServer>>} */
  let upstream;
  /** @type {Awaited<ReturnType<typeof startMockServer>>} */
  let demo;
  before(async () => {
    upstream = await startMockServer({ rate: 200 });
    demo = await startMockServer({
      rate: 0,
      upstream: { url: `${upstream.url}/v1`, apiKey: 'sk-test-secret', model: 'real-model' },
    });
  });
  after(async () => {
    await demo.close();
    await upstream.close();
  });

  test('streams the upstream answer through, adding key and model on the server', async () => {
    const response = await post(demo.url, '/v1/chat/completions', {
      ...chat('table'),
      stream: true,
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
    const first = await reader.read();
    assert.ok(!first.done);
    assert.equal(
      upstream.mock.stats().open,
      1,
      'the first bytes arrive while upstream still streams',
    );
    let body = new TextDecoder().decode(first.value);
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      body += new TextDecoder().decode(chunk.value);
    const decoded = await decodeResponse(new Response(body), 'openai');
    assert.equal(decoded.text, chooseAnswer('table').text);
    assert.ok(decoded.done);
    assert.doesNotMatch(body, /sk-test-secret/);
    assert.match(body, /"model":"real-model"/);
    const seen = upstream.mock.stats().requests.at(-1);
    assert.equal(seen?.authorization, 'Bearer sk-test-secret');
    assert.equal(seen?.model, 'real-model');
  });

  test('aborts the upstream request when the browser disconnects', async () => {
    const before = upstream.mock.stats().aborted;
    const controller = new AbortController();
    const response = await post(demo.url, '/v1/chat/completions', chat('in detail'), {
      signal: controller.signal,
    });
    await /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader().read();
    controller.abort();
    await until(() => upstream.mock.stats().aborted === before + 1, 'upstream to see the abort');
    await until(() => demo.mock.stats().open === 0, 'the proxy to finish');
    assert.equal(upstream.mock.stats().open, 0);
  });

  test('passes upstream errors through with their status and Retry-After', async () => {
    const response = await post(demo.url, '/v1/chat/completions', chat('/error 429'));
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '1');
    assert.match((await json(response)).error.message, /simulated 429/);
  });

  test('answers 502 with a clear message when the upstream is unreachable', async () => {
    const dead = await startMockServer({ upstream: { url: 'http://127.0.0.1:9/v1' } });
    try {
      const response = await post(dead.url, '/v1/chat/completions', chat('hi'));
      assert.equal(response.status, 502);
      assert.match((await json(response)).error.message, /127\.0\.0\.1:9 is unreachable/);
    } finally {
      await dead.close();
    }
  });

  test('mocks every other path as usual', async () => {
    const response = await post(demo.url, '/api/text', chat('table'));
    assert.equal(await response.text(), chooseAnswer('table').text);
  });
});

describe('upstream mode over a WebSocket backend (UPSTREAM_WS) and a local Ollama', () => {
  /** @type {Awaited<ReturnType<typeof startMockServer>>} */
  let backend;
  before(async () => {
    backend = await startMockServer({ rate: 200 });
  });
  after(() => backend.close());

  test('re-encodes the backend’s {token}/{done} messages as OpenAI SSE', async () => {
    const ws = `${backend.url.replace('http', 'ws')}/ws?protocol=tokens`;
    const demo = await startMockServer({ rate: 0, upstream: { ws, model: 'ws-model' } });
    try {
      const response = await post(demo.url, '/v1/chat/completions', chat('table'));
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      const decoded = await decodeResponse(response, 'openai');
      assert.equal(decoded.text, chooseAnswer('table').text);
      assert.ok(decoded.done);
    } finally {
      await demo.close();
    }
  });

  test('offers Ollama’s native /api/chat at /ollama/api/chat through the server entry', async () => {
    // The mock answers Ollama's /api/tags like a real one would not: stand in with a tiny server.
    const { createServer } = await import('node:http');
    const ollama = createServer((req, res) => {
      if (req.url === '/api/tags')
        return void res.end(JSON.stringify({ models: [{ name: 'llama3' }] }));
      void backend.mock.handle(req, res);
    });
    await new Promise((resolve) => ollama.listen(0, '127.0.0.1', () => resolve(undefined)));
    const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (ollama.address()).port}`;
    const { probeOllama } = await import('../../demo/server/upstream.mjs');
    const models = await probeOllama(url);
    assert.deepEqual(models, ['llama3']);
    const demo = await startMockServer({ rate: 0, ollama: { url, models: models ?? [] } });
    try {
      const info = await json(await fetch(`${demo.url}/api/mock-info`));
      assert.deepEqual(info.ollama, { path: '/ollama/api/chat', models: ['llama3'] });
      const decoded = await decodeResponse(
        await post(demo.url, '/ollama/api/chat', { ...chat('table'), model: 'llama3' }),
        'ollama',
      );
      assert.equal(decoded.text, chooseAnswer('table').text);
      assert.equal(backend.mock.stats().requests.at(-1)?.model, 'llama3');
      assert.equal(await probeOllama(`http://127.0.0.1:${await closedPort()}`), undefined);
    } finally {
      await demo.close();
      ollama.closeAllConnections();
      ollama.close();
    }
  });
});

async function closedPort() {
  const { createServer } = await import('node:http');
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  return port;
}
