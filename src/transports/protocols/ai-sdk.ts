import { deltas, finish, parseJson, providerError, type Protocol } from './protocol.js';

interface UiMessageChunk {
  type?: string;
  delta?: string;
  finishReason?: string;
  errorText?: string;
}

/**
 * The Vercel AI SDK UI message stream (`toUIMessageStreamResponse()`), as `useChat` reads it.
 * A server-side `abort` chunk ends the answer with reason `abort`: the text so far is kept.
 */
export const aiSdk: Protocol = {
  body: ({ messages, model }) => ({
    id: 'stream-chat',
    model,
    trigger: 'submit-message',
    messages: messages.map((m, i) => ({
      id: `m${i}`,
      role: m.role,
      parts: [{ type: 'text', text: m.content }],
    })),
  }),
  decoder: () => (frame) => {
    if (frame?.data === '[DONE]') return [finish()];
    const chunk = frame && parseJson<UiMessageChunk>(frame.data);
    switch (chunk?.type) {
      case 'text-delta':
        return deltas(chunk.delta);
      case 'reasoning-delta':
        return deltas(undefined, chunk.delta);
      case 'finish':
        return [finish(chunk.finishReason)];
      case 'abort':
        return [finish('abort')];
      case 'error':
        throw providerError(chunk.errorText);
      default:
        return [];
    }
  },
};
