// Deno (deno run --allow-net --allow-env deno.ts): Deno.serve takes the handler as it is.
// A WebSocket inference backend, re-encoded as SSE: the page needs only
// <stream-chat endpoint="http://localhost:8000/">.
import { createChatHandler } from 'stream-chat-elements/server';

const chat = createChatHandler({
  upstream: {
    ws: Deno.env.get('INFERENCE_WS') ?? 'ws://localhost:9000/generate',
    // The backend's own messages: { "token": "…" } … { "done": true }.
    encode: ({ messages }) => ({ prompt: messages.at(-1)?.content ?? '', history: messages }),
    stop: { action: 'cancel' },
  },
  keepAlive: 10_000,
});

Deno.serve({ port: 8000 }, chat);
