// Starts the demo exactly as `npm start` does (Vite with the project's vite.config.ts and the
// mock model plugin), on a free 127.0.0.1 port: for the demo's browser test and the screenshots.
import { createServer } from 'vite';

/**
 * @param {{ port?: number }} [options] - port 0 (the default) picks a free one
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startDemoServer(options = {}) {
  const server = await createServer({
    configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: options.port ?? 0, strictPort: true, hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (address === null || typeof address !== 'object')
    throw new Error('The demo server did not start.');
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
