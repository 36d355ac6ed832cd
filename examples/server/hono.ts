// Hono: on Node (@hono/node-server), Bun, Deno, Cloudflare Workers or Vercel Edge alike.
import { Hono } from 'hono';
import { createChatHandler } from 'stream-chat-elements/server';

const chat = createChatHandler({
  upstream: {
    type: 'anthropic',
    url: process.env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com',
    apiKey: process.env.ANTHROPIC_API_KEY,
    model: 'claude-sonnet-4-5',
  },
});

export const app = new Hono();
// <stream-chat endpoint="/api/chat" protocol="anthropic">
app.post('/api/chat', (c) => chat(c.req.raw));

export default app;
