// Next.js (App Router): app/api/chat/route.ts. The page uses
// <stream-chat endpoint="/api/chat">; the key stays in the server's environment.
import { createChatHandler } from 'stream-chat-elements/server';

// Streams need a dynamic route; the handler also runs on `export const runtime = 'edge'`.
export const dynamic = 'force-dynamic';

export const POST = createChatHandler({
  upstream: {
    url: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    apiKey: process.env.OPENAI_API_KEY,
    model: 'gpt-4o-mini',
  },
  models: ['gpt-4o-mini', 'gpt-4o'],
});
