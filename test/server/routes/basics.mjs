// Minimal endpoints that prove the helper-server hook works; feature tests add their own files.

/** @type {import('../plugin.mjs').RouteModule} */
export default {
  http: {
    '/mock/hello': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello');
    },
    '/mock/sse/ticks': async (_req, res, url) => {
      const count = Number(url.searchParams.get('count') ?? 3);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      for (let i = 0; i < count && !res.destroyed; i += 1) {
        res.write(`id: ${i}\ndata: tick ${i}\n\n`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end();
    },
  },
  ws: {
    '/mock/ws/echo': (socket) => {
      socket.on('message', (data) => socket.send(String(data)));
    },
  },
};
