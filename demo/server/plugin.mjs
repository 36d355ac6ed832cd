// The Vite plugin that runs the mock model server inside `npm start`: HTTP routes as dev-server
// middleware, WebSocket upgrades on the same port, one process, no network needed.
import { createMockServer, HTTP_ROUTES, rateFromEnv, WS_PATH } from './mock-server.mjs';
import { upstreamFromEnv, chatCompletionsUrl } from './upstream.mjs';

/**
 * @param {import('./mock-server.mjs').MockServerOptions} [options] - defaults from MOCK_RATE,
 *   UPSTREAM_URL, UPSTREAM_API_KEY and UPSTREAM_MODEL
 * @returns {import('vite').Plugin}
 */
export function mockModelServer(options = {}) {
  return {
    name: 'stream-chat-elements:mock-model-server',
    apply: 'serve',
    configureServer(server) {
      const upstream = options.upstream ?? upstreamFromEnv(process.env);
      const rate = options.rate ?? rateFromEnv(process.env);
      const mock = createMockServer({ rate, ...(upstream ? { upstream } : {}) });
      server.middlewares.use((req, res, next) => {
        mock.handle(req, res, next).catch((error) => {
          server.config.logger.error(
            `[mock model] ${error instanceof Error ? error.stack : error}`,
          );
          if (!res.headersSent) res.writeHead(500).end();
          else res.destroy();
        });
      });
      // Vite's own HMR socket ignores upgrades for other paths, and the mock ignores Vite's.
      server.httpServer?.on('upgrade', (req, socket, head) => mock.upgrade(req, socket, head));
      server.httpServer?.on('close', () => mock.close());
      // Printed under Vite's own URL banner, the way other plugins add their lines.
      const printUrls = server.printUrls.bind(server);
      server.printUrls = () => {
        printUrls();
        const { info } = server.config.logger;
        info(
          `  ➜  Mock model: ${Object.keys(HTTP_ROUTES).length} HTTP protocols and ${WS_PATH} (WebSocket), ${rate} tokens/s`,
        );
        if (upstream) {
          const key = upstream.apiKey ? 'with UPSTREAM_API_KEY' : 'without an API key';
          const model = upstream.model ? `, model ${upstream.model}` : '';
          info(
            `  ➜  Upstream: /v1/chat/completions → ${chatCompletionsUrl(upstream.url)} ${key}${model}`,
          );
        }
      };
    },
  };
}
