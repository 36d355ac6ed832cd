// Real model servers on 127.0.0.1 for the server entry's tests: an HTTP upstream whose every
// answer the test scripts (and which records what it was asked, which connections are open
// and when each one closed), and a WebSocket backend from the `ws` package.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

/**
 * @typedef {{ path: string, headers: import('node:http').IncomingHttpHeaders, body: any }} Recorded
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, body: any) => void | Promise<void>} Route
 */

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {Route} route
 */
export async function startUpstream(route) {
  /** @type {Recorded[]} */
  const requests = [];
  /** @type {{ closedAt: number, finished: boolean }[]} */
  const closes = [];
  let open = 0;
  const server = createServer(async (req, res) => {
    open += 1;
    res.on('close', () => {
      open -= 1;
      closes.push({ closedAt: performance.now(), finished: res.writableFinished });
    });
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = text ? JSON.parse(text) : undefined;
    requests.push({ path: req.url ?? '', headers: req.headers, body });
    try {
      await route(req, res, body);
    } catch {
      res.destroy();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    closes,
    open: () => open,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * A WebSocket backend: `onRequest(socket, message)` answers the first message of a socket;
 * every message and every close is recorded with its time.
 * @param {(socket: import('ws').WebSocket, request: any) => void | Promise<void>} onRequest
 */
export async function startWebSocketBackend(onRequest) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', () => resolve(undefined)));
  /** @type {{ data: string, at: number }[]} */
  const messages = [];
  /** @type {{ code: number, at: number }[]} */
  const closes = [];
  /** @type {import('node:http').IncomingHttpHeaders[]} */
  const handshakes = [];
  wss.on('connection', (socket, req) => {
    handshakes.push(req.headers);
    let first = true;
    socket.on('message', (data) => {
      messages.push({ data: String(data), at: performance.now() });
      if (!first) return;
      first = false;
      void onRequest(socket, JSON.parse(String(data)));
    });
    socket.on('close', (code) => closes.push({ code, at: performance.now() }));
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (wss.address());
  return {
    url: `ws://127.0.0.1:${port}`,
    messages,
    closes,
    handshakes,
    open: () => wss.clients.size,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve(undefined));
      }),
  };
}

/**
 * Serves a Fetch handler on 127.0.0.1 through toNodeHandler.
 * @param {any} toNodeHandler @param {(request: Request) => Promise<Response>} handler
 */
export async function serveHandler(toNodeHandler, handler) {
  const server = createServer(toNodeHandler(handler));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/** @param {() => boolean} condition @param {string} what @param {number} [timeout] */
export async function until(condition, what, timeout = 5000) {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** @param {unknown} body @param {Record<string, string>} [headers] */
export const jsonPost = (body, headers = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** A port nothing listens on: one the system handed out and took back. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  return port;
}
