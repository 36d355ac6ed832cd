// The demo's mock model server: every protocol the kit decodes, each on its own path, streaming
// built-in Markdown answers at an LLM-like pace, plus faults on demand. It plugs into Vite's dev
// server (see plugin.mjs) or any Node HTTP server (see startMockServer), and optionally proxies
// /v1/chat/completions to a real OpenAI-compatible model (see upstream.mjs).
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { chooseAnswer } from './answers.mjs';
import { FaultMemory, parseFault, recoveredAnswer } from './faults.mjs';
import { PROTOCOLS, serialize } from './protocols.mjs';
import { readBody, queryBody, readConversation, RequestError } from './request.mjs';
import { tokenize } from './tokenize.mjs';
import { createOllamaProxy, createUpstreamProxy } from './upstream.mjs';

/**
 * @typedef {import('./protocols.mjs').Frame} Frame
 * @typedef {import('./faults.mjs').Fault} Fault
 * @typedef {import('./request.mjs').Conversation} Conversation
 * @typedef {import('./upstream.mjs').Upstream} Upstream
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 *
 * @typedef {object} MockServerOptions
 * @property {number} [rate] - tokens per second (default: MOCK_RATE or 40; 0 = no pacing)
 * @property {Upstream} [upstream] - proxy /v1/chat/completions to this server instead of mocking it
 * @property {{ url: string, models: string[] }} [ollama] - a local Ollama, offered at
 *   /ollama/api/chat beside the mock model
 *
 * @typedef {object} RequestRecord
 * @property {string} path
 * @property {string} protocol
 * @property {string} prompt
 * @property {string} [model]
 * @property {string} [authorization]
 *
 * @typedef {object} MockStats
 * @property {number} open - replies streaming right now (HTTP and WebSocket)
 * @property {number} finished - replies that reached their normal end
 * @property {number} aborted - replies cut short because the client left or sent a stop frame
 * @property {number} sockets - WebSocket connections open right now
 * @property {RequestRecord[]} requests - the latest requests, newest last (at most 50)
 *
 * @typedef {object} Sink - where the frames of one reply go
 * @property {(frames: Frame[]) => void} write
 * @property {() => void} drop - cut the connection abruptly
 * @property {() => void} end
 *
 * @typedef {object} MockServer
 * @property {(req: IncomingMessage, res: ServerResponse, next?: () => void) => Promise<void>} handle
 *   - connect-style middleware; calls `next` (or answers 404) for paths it does not own
 * @property {(req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => boolean} upgrade
 *   - takes WebSocket upgrades for its own path and returns whether it did
 * @property {() => MockStats} stats
 * @property {() => void} close - stops every reply and closes every socket
 */

/** The mocked paths and the protocol each speaks. */
export const HTTP_ROUTES = /** @type {const} */ ({
  '/v1/chat/completions': 'openai',
  '/v1/responses': 'openai-responses',
  '/v1/messages': 'anthropic',
  '/v1/chat-messages': 'dify',
  '/api/chat': 'ollama',
  '/api/ai-sdk/chat': 'ai-sdk',
  '/api/text': 'text',
});
/** The WebSocket path; `?protocol=` picks the dialect of its frames (default `openai`). */
export const WS_PATH = '/ws';
/** Describes the server's mode to the demo page (never the key). */
export const INFO_PATH = '/api/mock-info';
/** Where a local Ollama is offered, when one answered at start-up. */
export const OLLAMA_PATH = '/ollama/api/chat';
/** The reply counters, so a browser test can see from the server side that a stop stopped it. */
export const STATS_PATH = '/api/mock-stats';

const DEFAULT_RATE = 40;
const SLOW_RATE = 4;
const SLOW_FIRST_TOKEN_MS = 2000;
const MOCK_MODEL = 'mock-1';

/**
 * The default pace: MOCK_RATE from the environment, or 40 tokens/s.
 * @param {NodeJS.ProcessEnv} env
 * @returns {number}
 */
export function rateFromEnv(env) {
  const rate = Number(env.MOCK_RATE);
  return env.MOCK_RATE !== undefined && Number.isFinite(rate) && rate >= 0 ? rate : DEFAULT_RATE;
}

/**
 * @param {MockServerOptions} [options]
 * @returns {MockServer}
 */
export function createMockServer(options = {}) {
  const defaultRate = options.rate ?? rateFromEnv(process.env);
  const upstream = options.upstream;
  const ollama = options.ollama;
  // Both go through stream-chat-elements/server, loaded on first use.
  /** @type {Promise<import('./upstream.mjs').NodeHandler> | undefined} */
  let upstreamProxy;
  /** @type {Promise<import('./upstream.mjs').NodeHandler> | undefined} */
  let ollamaProxy;
  const faults = new FaultMemory();
  const wss = new WebSocketServer({ noServer: true });
  /** @type {Set<AbortController>} */
  const running = new Set();
  const stats = { open: 0, finished: 0, aborted: 0 };
  /** @type {RequestRecord[]} */
  const requests = [];

  /** @param {RequestRecord} record */
  const remember = (record) => {
    requests.push(record);
    if (requests.length > 50) requests.shift();
  };

  /** @param {URL} url */
  const rateOf = (url) => {
    const rate = Number(url.searchParams.get('rate'));
    return url.searchParams.has('rate') && Number.isFinite(rate) && rate >= 0 ? rate : defaultRate;
  };

  /**
   * What to answer: the fault the prompt asks for (unless this attempt is the retry that
   * succeeds) and the reply text.
   * @param {Conversation} conversation
   * @param {string} channel - the path or socket, so each transport has its own attempts
   * @returns {{ fault?: Fault, reply: import('./answers.mjs').Reply }}
   */
  function plan(conversation, channel) {
    const fault = parseFault(conversation.prompt);
    if (fault === undefined) return { reply: chooseAnswer(conversation.prompt) };
    if (!faults.fires(fault, `${channel} ${JSON.stringify(conversation.userTexts)}`)) {
      return { reply: { id: 'recovered', text: recoveredAnswer(conversation.prompt) } };
    }
    return { fault, reply: chooseAnswer(conversation.prompt.replace(/^\s*\/\w+\s*(\d{3})?/, '')) };
  }

  /**
   * Streams one reply into `sink`, honouring `signal`; resolves when it is over.
   * @param {object} run
   * @param {import('./protocols.mjs').Protocol} run.protocol
   * @param {Conversation} run.conversation
   * @param {import('./answers.mjs').Reply} run.reply
   * @param {Fault} [run.fault]
   * @param {number} run.rate
   * @param {AbortSignal} run.signal
   * @param {Sink} run.sink
   */
  async function streamReply({ protocol, conversation, reply, fault, rate, signal, sink }) {
    const encoder = protocol.encoder({
      model: conversation.model ?? MOCK_MODEL,
      includeUsage: conversation.includeUsage,
    });
    if (fault?.kind === 'error') {
      sink.write(encoder.error(faultMessage(fault.status), fault.status));
      sink.end();
      return;
    }
    const slow = fault?.kind === 'slow';
    const pace = slow ? Math.min(rate || SLOW_RATE, SLOW_RATE) : rate;
    /** @type {['reasoning' | 'text', string][]} */
    const tokens = [
      ...tokenize(reply.reasoning ?? '').map(
        (token) => /** @type {['reasoning', string]} */ (['reasoning', token]),
      ),
      ...tokenize(reply.text).map((token) => /** @type {['text', string]} */ (['text', token])),
    ];
    const cut =
      fault?.kind === 'drop' || fault?.kind === 'malformed'
        ? Math.min(tokens.length, Math.max(5, Math.floor(tokens.length * 0.3)))
        : tokens.length;

    sink.write(encoder.start());
    // Time to first token: a real model takes a moment before it starts writing.
    await sleep(slow ? SLOW_FIRST_TOKEN_MS : pace > 0 ? Math.min(400, 15_000 / pace) : 0, signal);
    await paced(tokens.slice(0, cut), pace, signal, (batch) =>
      sink.write(batch.flatMap(([kind, token]) => encoder[kind](token))),
    );
    if (fault?.kind === 'drop') {
      sink.drop();
      return;
    }
    sink.write(fault?.kind === 'malformed' ? encoder.malformed() : encoder.finish('stop'));
    sink.end();
  }

  /**
   * Runs a reply with bookkeeping: counts it, and lets close() abort it.
   * @param {AbortController} controller
   * @param {() => Promise<void>} run
   * @returns {Promise<void>}
   */
  async function tracked(controller, run) {
    running.add(controller);
    stats.open += 1;
    try {
      await run();
      stats.finished += 1;
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      stats.aborted += 1;
    } finally {
      stats.open -= 1;
      running.delete(controller);
    }
  }

  /** @param {IncomingMessage} req @param {ServerResponse} res @param {string} protocolName */
  async function mockHttp(req, res, protocolName) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const protocol = /** @type {import('./protocols.mjs').Protocol} */ (PROTOCOLS[protocolName]);
    let conversation;
    try {
      conversation = readConversation(req.method === 'GET' ? queryBody(url) : await readBody(req));
    } catch (error) {
      const status = error instanceof RequestError ? error.status : 400;
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, status, protocol.errorBody(message, status));
      return;
    }
    remember(requestRecord(req, url.pathname, protocolName, conversation));
    const { fault, reply } = plan(conversation, url.pathname);
    if (fault?.kind === 'error') {
      /** @type {Record<string, string>} */
      const retryAfter = fault.status === 429 || fault.status === 503 ? { 'retry-after': '1' } : {};
      const body = protocol.errorBody(faultMessage(fault.status), fault.status);
      sendJson(res, fault.status, body, retryAfter);
      return;
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    res.writeHead(200, {
      'content-type': protocol.contentType,
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      ...CORS,
      ...protocol.headers,
    });
    res.flushHeaders();
    /** @type {Sink} */
    const sink = {
      write: (frames) => {
        const chunk = serialize(frames, protocol.framing);
        if (chunk !== '' && !res.destroyed) res.write(chunk);
      },
      drop: () => res.destroy(),
      end: () => res.end(),
    };
    const signal = controller.signal;
    await tracked(controller, () =>
      streamReply({
        protocol,
        conversation,
        reply,
        ...(fault ? { fault } : {}),
        rate: rateOf(url),
        signal,
        sink,
      }),
    );
  }

  /**
   * One WebSocket connection: each JSON message is a request (in any dialect), answered with
   * frames of the protocol named in `?protocol=`; `{"type":"stop"}` stops the running reply.
   * The socket stays open across turns, except for `text`, whose bare frames have no end marker:
   * the server closes the socket (code 1000) to end the answer.
   * @param {import('ws').WebSocket} socket
   * @param {IncomingMessage} req
   * @param {URL} url
   */
  function onSocket(socket, req, url) {
    const protocolName = url.searchParams.get('protocol') ?? 'openai';
    const protocol = PROTOCOLS[protocolName];
    if (protocol === undefined) {
      socket.close(1008, `Unknown protocol "${protocolName}".`);
      return;
    }
    /** @type {AbortController | undefined} */
    let current;
    socket.on('close', () => current?.abort());
    socket.on('message', (data, isBinary) => {
      let body;
      try {
        body = JSON.parse(String(data));
      } catch {
        body = isBinary ? undefined : String(data);
      }
      if (typeof body === 'object' && body !== null && 'type' in body) {
        if (body.type === 'stop') {
          current?.abort();
          return;
        }
        if (body.type === 'ping') return;
      }
      current?.abort();
      const controller = new AbortController();
      current = controller;
      const conversation = readConversation(body);
      remember(requestRecord(req, WS_PATH, protocolName, conversation));
      const { fault, reply } = plan(conversation, `${WS_PATH}?protocol=${protocolName}`);
      const textOnly = protocol.framing === 'text';
      /** @type {Sink} */
      const sink = {
        write: (frames) => {
          for (const frame of frames) {
            if (frame.data !== undefined && socket.readyState === socket.OPEN)
              socket.send(frame.data);
          }
        },
        drop: () => socket.terminate(),
        end: () => {
          if (textOnly) socket.close(1000, 'end');
        },
      };
      if (textOnly && fault?.kind === 'error') {
        // Bare text frames cannot carry an error: the close code and reason do.
        socket.close(fault.status === 429 ? 1013 : 1011, faultMessage(fault.status).slice(0, 120));
        return;
      }
      void tracked(controller, () =>
        streamReply({
          protocol,
          conversation,
          reply,
          ...(fault ? { fault } : {}),
          rate: rateOf(url),
          signal: controller.signal,
          sink,
        }),
      ).finally(() => {
        if (current === controller) current = undefined;
      });
    });
  }

  return {
    async handle(req, res, next) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      const protocolName = HTTP_ROUTES[/** @type {keyof typeof HTTP_ROUTES} */ (path)];
      if (path === INFO_PATH) {
        sendJson(res, 200, {
          mode: upstream ? 'upstream' : 'mock',
          upstream: upstream
            ? new URL(/** @type {string} */ (upstream.url ?? upstream.ws)).host
            : null,
          upstreamKind: upstream ? (upstream.url ? 'openai' : 'websocket') : null,
          ollama: ollama ? { path: OLLAMA_PATH, models: ollama.models } : null,
          model: upstream ? (upstream.model ?? null) : MOCK_MODEL,
          rate: defaultRate,
          routes: { ...HTTP_ROUTES, [WS_PATH]: 'websocket' },
        });
        return;
      }
      if (path === STATS_PATH) {
        const { open, finished, aborted } = stats;
        sendJson(res, 200, { open, finished, aborted, sockets: wss.clients.size });
        return;
      }
      if (ollama && path === OLLAMA_PATH) {
        ollamaProxy ??= createOllamaProxy(ollama.url);
        const controller = new AbortController();
        const proxy = await ollamaProxy;
        await tracked(controller, () => proxy(req, res));
        return;
      }
      if (protocolName === undefined && path !== '/v1/models') {
        if (next) next();
        else sendJson(res, 404, { error: { message: `Nothing at ${path}.` } });
        return;
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...CORS, 'access-control-max-age': '600' });
        res.end();
        return;
      }
      if (upstream && path === '/v1/chat/completions') {
        const controller = new AbortController();
        res.on('close', () => {
          if (!res.writableFinished) controller.abort();
        });
        upstreamProxy ??= createUpstreamProxy(upstream);
        const proxy = await upstreamProxy;
        await tracked(controller, () => proxy(req, res));
        return;
      }
      if (path === '/v1/models') {
        sendJson(res, 200, {
          object: 'list',
          data: [{ id: MOCK_MODEL, object: 'model', owned_by: 'stream-chat-elements' }],
        });
        return;
      }
      await mockHttp(req, res, /** @type {string} */ (protocolName));
    },

    upgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== WS_PATH) return false;
      wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws, req, url));
      return true;
    },

    stats: () => ({ ...stats, sockets: wss.clients.size, requests: [...requests] }),

    close() {
      for (const controller of running) controller.abort();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/**
 * Starts the mock model server on its own HTTP server (outside Vite): for tests, for the
 * framework examples, and as a stand-in "upstream" model.
 * @param {MockServerOptions & { port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, mock: MockServer, close: () => Promise<void> }>}
 */
export async function startMockServer(options = {}) {
  const mock = createMockServer(options);
  const server = createServer((req, res) => {
    mock.handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'Mock server failure.' } });
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!mock.upgrade(req, socket, head)) socket.destroy();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve(undefined));
  });
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    url: `http://${host}:${port}`,
    port,
    mock,
    close: () =>
      new Promise((resolve) => {
        mock.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cross-origin access, so Storybook, the examples or any page can use the mock. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

/** @param {number} status */
function faultMessage(status) {
  if (status === 429)
    return 'Rate limit reached for the mock model (simulated 429). Retry in 1 second.';
  return `The mock model failed on purpose (simulated HTTP ${status}). Retry to recover.`;
}

/**
 * @param {IncomingMessage} req @param {string} path @param {string} protocol
 * @param {Conversation} conversation
 * @returns {RequestRecord}
 */
function requestRecord(req, path, protocol, conversation) {
  const authorization = req.headers.authorization;
  return {
    path,
    protocol,
    prompt: conversation.prompt,
    ...(conversation.model === undefined ? {} : { model: conversation.model }),
    ...(authorization === undefined ? {} : { authorization }),
  };
}

/**
 * @param {ServerResponse} res @param {number} status @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...CORS,
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/**
 * Calls `emit` with the tokens that are due, `rate` per second, catching up in batches when
 * timers fire late (so 1,000 tokens/s really is 1,000 tokens/s); `rate` 0 emits all at once.
 * @template T
 * @param {T[]} tokens @param {number} rate @param {AbortSignal} signal
 * @param {(batch: T[]) => void} emit
 */
async function paced(tokens, rate, signal, emit) {
  const started = performance.now();
  let sent = 0;
  while (sent < tokens.length) {
    signal.throwIfAborted();
    const elapsed = performance.now() - started;
    const due =
      rate > 0 ? Math.min(tokens.length, Math.floor((elapsed * rate) / 1000) + 1) : tokens.length;
    if (due > sent) {
      emit(tokens.slice(sent, due));
      sent = due;
    }
    if (sent < tokens.length) await sleep(Math.max(1, (sent * 1000) / rate - elapsed), signal);
  }
}

/** @param {number} ms @param {AbortSignal} signal @returns {Promise<void>} */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
