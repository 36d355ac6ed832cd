// The test runner's helper servers: real HTTP and WebSocket endpoints on the runner's own
// 127.0.0.1 origin, for transport and element tests.
//
// Add endpoints by dropping a module into test/server/routes/ whose default export is
//   { http?: { [path]: (req, res, url) => void | Promise<void> },
//     ws?:   { [path]: (socket, req, url) => void },
//     reject?: { [path]: status } }   (a WebSocket upgrade answered with this HTTP status)
// Paths start with /mock/. Handlers get Node's raw request and response (or a `ws` socket).
// Every connection carrying `?probe=<id>` is tracked; GET /mock/_probe?id=<id> answers
// { opened, closed, finished } so a test can see from the server side that a client went away,
// and GET /mock/_stats answers { openHttp, openSockets } for leak checks.
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WebSocketServer } from 'ws';

const ROUTES_DIR = fileURLToPath(new URL('./routes/', import.meta.url));

/**
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => void | Promise<void>} HttpHandler
 * @typedef {(socket: import('ws').WebSocket, req: import('node:http').IncomingMessage, url: URL) => void} SocketHandler
 * @typedef {{ http?: Record<string, HttpHandler>, ws?: Record<string, SocketHandler>, reject?: Record<string, number> }} RouteModule
 * @typedef {{ opened: number, closed: number, finished: number }} Probe
 */

async function loadRoutes() {
  /** @type {Map<string, HttpHandler>} */
  const http = new Map();
  /** @type {Map<string, SocketHandler>} */
  const ws = new Map();
  /** @type {Map<string, number>} */
  const reject = new Map();
  const files = (await readdir(ROUTES_DIR)).filter((file) => file.endsWith('.mjs')).sort();
  for (const file of files) {
    /** @type {{ default: RouteModule }} */
    const module = await import(pathToFileURL(ROUTES_DIR + file).href);
    for (const [path, handler] of Object.entries(module.default.http ?? {}))
      http.set(path, handler);
    for (const [path, handler] of Object.entries(module.default.ws ?? {})) ws.set(path, handler);
    for (const [path, status] of Object.entries(module.default.reject ?? {}))
      reject.set(path, status);
  }
  return { http, ws, reject };
}

/**
 * The runner's `middleware` (HTTP routes, ahead of static file serving) and a plugin that
 * attaches WebSocket routes to the runner's server.
 * @returns {{ middleware: import('@web/test-runner').TestRunnerConfig['middleware'] & unknown[], plugin: import('@web/test-runner').TestRunnerPlugin }}
 */
export function testServers() {
  /** @type {Map<string, Probe>} */
  const probes = new Map();
  let openHttp = 0;
  let openSockets = 0;

  /** @param {URL} url */
  const probeFor = (url) => {
    const id = url.searchParams.get('probe');
    if (!id) return undefined;
    const probe = probes.get(id) ?? { opened: 0, closed: 0, finished: 0 };
    probes.set(id, probe);
    return probe;
  };

  /** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
  const json = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const routesLoaded = loadRoutes();

  /** @type {import('koa').Middleware} */
  const middleware = async (ctx, next) => {
    if (!ctx.path.startsWith('/mock/')) return next();
    const routes = await routesLoaded;
    const url = new URL(ctx.url, 'http://127.0.0.1');
    ctx.respond = false;
    const { req, res } = ctx;
    if (url.pathname === '/mock/_probe') {
      const id = url.searchParams.get('id') ?? '';
      return json(res, 200, probes.get(id) ?? { opened: 0, closed: 0, finished: 0 });
    }
    if (url.pathname === '/mock/_stats') return json(res, 200, { openHttp, openSockets });
    const handler = routes.http.get(url.pathname);
    if (!handler) return json(res, 404, { error: { message: `No test route ${url.pathname}` } });
    const probe = probeFor(url);
    openHttp += 1;
    if (probe) probe.opened += 1;
    res.on('close', () => {
      openHttp -= 1;
      if (probe) {
        probe.closed += 1;
        if (res.writableFinished) probe.finished += 1;
      }
    });
    try {
      await handler(req, res, url);
    } catch (error) {
      console.error(`test route ${url.pathname} failed:`, error);
      if (!res.headersSent) json(res, 500, { error: { message: String(error) } });
      else res.destroy();
    }
  };

  /** @type {import('@web/test-runner').TestRunnerPlugin} */
  const plugin = {
    name: 'test-servers',
    async serverStart({ server }) {
      const routes = await routesLoaded;
      const sockets = new WebSocketServer({ noServer: true });
      server?.on('upgrade', (req, socket, head) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const status = routes.reject.get(url.pathname);
        if (status !== undefined) {
          socket.end(
            `HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
          );
          return;
        }
        const handler = routes.ws.get(url.pathname);
        if (!handler) return;
        sockets.handleUpgrade(req, socket, head, (ws) => {
          const probe = probeFor(url);
          openSockets += 1;
          if (probe) probe.opened += 1;
          ws.on('close', () => {
            openSockets -= 1;
            if (probe) probe.closed += 1;
          });
          handler(ws, req, url);
        });
      });
    },
  };
  return { middleware: [middleware], plugin };
}
