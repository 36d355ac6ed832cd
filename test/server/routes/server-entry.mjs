// stream-chat-elements/server in front of every upstream kind, for the browser's end-to-end
// tests (test/server-entry/): POST /mock/server-entry/chat?kind=… runs createChatHandler
// (loaded from source) through toNodeHandler, in front of the demo's mock model on its own
// 127.0.0.1 port, which speaks each provider's wire format (and the {token}/{done} WebSocket
// dialect). GET /mock/server-entry/stats answers the upstream's reply counters.
import { WebSocket } from 'ws';
import { startMockServer } from '../../../demo/server/mock-server.mjs';
import { loadServerEntry } from '../../../demo/server/server-entry.mjs';

export const KEY = 'sk-e2e-secret';

/** @type {Promise<{ upstream: Awaited<ReturnType<typeof startMockServer>>, handlers: Record<string, import('../../../src/server/index.js').NodeHandler> }> | undefined} */
let ready;

function setUp() {
  ready ??= (async () => {
    const upstream = await startMockServer({ rate: 400 });
    const { createChatHandler, toNodeHandler } = await loadServerEntry();
    const ws = `${upstream.url.replace('http', 'ws')}/ws?protocol=tokens`;
    /** @type {Record<string, import('../../../src/server/index.js').Upstream>} */
    const kinds = {
      openai: { url: `${upstream.url}/v1`, apiKey: KEY, model: 'up-model' },
      'openai-slow': { url: `${upstream.url}/v1?rate=20`, apiKey: KEY, model: 'up-model' },
      anthropic: { type: 'anthropic', url: upstream.url, apiKey: KEY, model: 'claude-e2e' },
      ollama: { type: 'ollama', url: upstream.url, model: 'llama-e2e' },
      dify: { type: 'dify', url: `${upstream.url}/v1`, apiKey: KEY },
      websocket: { ws, WebSocket: /** @type {any} */ (WebSocket), model: 'ws-model' },
      'websocket-slow': {
        ws: `${ws}&rate=20`,
        WebSocket: /** @type {any} */ (WebSocket),
        model: 'ws-model',
      },
    };
    /** @type {Record<string, import('../../../src/server/index.js').NodeHandler>} */
    const handlers = {};
    for (const [kind, config] of Object.entries(kinds)) {
      handlers[kind] = toNodeHandler(createChatHandler({ upstream: config }));
    }
    handlers.strict = toNodeHandler(
      createChatHandler({
        upstream: /** @type {import("../../../src/server/index.js").Upstream} */ (kinds.openai),
        limits: { contentLength: 20 },
      }),
    );
    return { upstream, handlers };
  })();
  return ready;
}

/** @type {import('../plugin.mjs').RouteModule} */
export default {
  http: {
    '/mock/server-entry/chat': async (req, res, url) => {
      const { handlers } = await setUp();
      const handler = handlers[url.searchParams.get('kind') ?? 'openai'];
      if (!handler) return void res.writeHead(404).end();
      await handler(req, res);
    },
    '/mock/server-entry/stats': async (_req, res) => {
      const { upstream } = await setUp();
      const { open, finished, aborted, sockets, requests } = upstream.mock.stats();
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ open, finished, aborted, sockets, last: requests.at(-1) ?? null }));
    },
  },
};
