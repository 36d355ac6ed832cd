import { chatBody, deltas, finish, parseJson, providerError, type Protocol } from './protocol.js';

interface OllamaChunk {
  message?: { content?: string; thinking?: string };
  done?: boolean;
  done_reason?: string;
  error?: unknown;
}

/** Ollama's native `/api/chat`: one JSON object per line, `done: true` last, `{"error": ...}` on failure. */
export const ollama: Protocol = {
  body: chatBody,
  decoder: () => (frame) => {
    const chunk = frame && parseJson<OllamaChunk>(frame.data);
    if (!chunk) return [];
    if (chunk.error) throw providerError(chunk.error);
    const parts = deltas(chunk.message?.content, chunk.message?.thinking);
    if (chunk.done) parts.push(finish(chunk.done_reason));
    return parts;
  },
};
