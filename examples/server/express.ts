// Express (or plain node:http): toNodeHandler turns the Fetch handler into middleware.
// Nothing to configure for streaming: the handler sets `Cache-Control: no-transform`, which
// the `compression` middleware respects, and writes every event as it arrives.
import express from 'express';
import { createChatHandler, toNodeHandler } from 'stream-chat-elements/server';

export function createApp(): express.Express {
  const app = express();
  app.post(
    '/api/chat',
    toNodeHandler(
      createChatHandler({
        upstream: {
          url: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
          apiKey: process.env.OPENAI_API_KEY,
          model: 'gpt-4o-mini',
        },
        // Your own session check, before anything is read or sent upstream.
        authorize: (request) => request.headers.get('cookie')?.includes('session=') ?? false,
      }),
    ),
  );
  app.use(express.static('public'));
  return app;
}

// `node --experimental-strip-types express.ts` (or tsx) starts it on port 3000.
if (import.meta.url === `file://${process.argv[1]}`) createApp().listen(3000);
