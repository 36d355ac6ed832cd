// The Vite plugin that runs the mock model server inside `npm start`: HTTP routes as dev-server
// middleware, WebSocket upgrades on the same port, one process, no network needed. It also
// serves the built embed (stream-chat-elements.js and its lazy chunks) at /dist/ for the
// script-tag-only page.
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockServer, HTTP_ROUTES, rateFromEnv, WS_PATH } from './mock-server.mjs';
import { describeUpstream, OLLAMA_URL, probeOllama, upstreamFromEnv } from './upstream.mjs';

/**
 * @param {import('./mock-server.mjs').MockServerOptions & { ollama?: false }} [options] -
 *   defaults from MOCK_RATE, UPSTREAM_URL or UPSTREAM_WS, UPSTREAM_API_KEY and UPSTREAM_MODEL;
 *   `ollama: false` skips the probe for a local Ollama
 * @returns {import('vite').Plugin}
 */
export function mockModelServer(options = {}) {
  return {
    name: 'stream-chat-elements:mock-model-server',
    apply: 'serve',
    async configureServer(server) {
      const upstream = options.upstream ?? upstreamFromEnv(process.env);
      const rate = options.rate ?? rateFromEnv(process.env);
      // Nothing configured: a local Ollama, if one answers at once, is offered beside the mock.
      const models = upstream || options.ollama === false ? undefined : await probeOllama();
      const ollama = models ? { url: OLLAMA_URL, models } : undefined;
      const mock = createMockServer({
        rate,
        ...(upstream ? { upstream } : {}),
        ...(ollama ? { ollama } : {}),
      });
      server.middlewares.use('/dist', embedFiles(server));
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
            `  ➜  Upstream: /v1/chat/completions → ${describeUpstream(upstream)} ${key}${model}`,
          );
        }
        if (ollama) {
          info(
            `  ➜  Ollama: ${OLLAMA_URL} answered (${ollama.models.length} models), offered in the panel`,
          );
        }
      };
    },
  };
}

const EMBED_FILE = /^\/stream-chat-elements(\.[\w-]+)?\.js$/;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = `${ROOT}src/`;
const VITE_BIN = `${ROOT}node_modules/vite/bin/vite.js`;

/**
 * Serves the embed (`vite build --mode embed`) at /dist/ for the script-tag-only page. It is
 * built from the current sources into a private temporary folder on first use and rebuilt after
 * a source file changes, so the page never depends on the state of dist/ (which other builds
 * empty and refill) and works on a fresh clone.
 * @param {import('vite').ViteDevServer} server
 * @returns {import('vite').Connect.NextHandleFunction}
 */
function embedFiles(server) {
  const outDir = mkdtempSync(join(tmpdir(), 'sce-demo-embed-'));
  /** @type {Promise<unknown> | undefined} */
  let built;
  // A child process, exactly like `npm run build:embed`: the dev server has set NODE_ENV to
  // development in this process, which would select Lit's development build.
  const build = () =>
    (built ??= new Promise((resolve, reject) => {
      const env = { ...process.env };
      delete env.NODE_ENV;
      const args = [VITE_BIN, 'build', '--mode', 'embed', '--outDir', outDir, '--emptyOutDir'];
      execFile(process.execPath, [...args, '--logLevel', 'warn'], { cwd: ROOT, env }, (error) =>
        error ? reject(error) : resolve(undefined),
      );
    }));
  server.watcher.add(SOURCE);
  server.watcher.on('all', (_event, path) => {
    if (path.startsWith(SOURCE)) built = undefined;
  });
  server.httpServer?.on('close', () => rmSync(outDir, { recursive: true, force: true }));
  return (req, res, next) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!EMBED_FILE.test(path)) return next();
    build().then(
      () => {
        const file = join(outDir, path);
        if (!existsSync(file)) return next();
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
        createReadStream(file).pipe(res);
      },
      (error) => {
        built = undefined;
        next(error);
      },
    );
  };
}
