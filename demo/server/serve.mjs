// `npm run mock-server [-- --port 8787]`: the mock model on its own port, for the framework
// examples or any other front end (CORS is open). Same environment variables as `npm start`.
import { parseArgs } from 'node:util';
import { HTTP_ROUTES, startMockServer, WS_PATH } from './mock-server.mjs';
import { upstreamFromEnv } from './upstream.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const upstream = upstreamFromEnv(process.env);
const server = await startMockServer({
  port: Number(values.port),
  host: values.host,
  ...(upstream ? { upstream } : {}),
});
console.log(`Mock model server on ${server.url}`);
for (const [path, protocol] of Object.entries(HTTP_ROUTES))
  console.log(`  ${server.url}${path}  ${protocol}`);
console.log(`  ${server.url.replace('http', 'ws')}${WS_PATH}?protocol=openai  WebSocket`);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
