import { deltas, finish, parseJson, providerError, type Protocol } from './protocol.js';

interface AnthropicEvent {
  type?: string;
  delta?: { type?: string; text?: string; thinking?: string; stop_reason?: string };
  error?: unknown;
}

/**
 * Anthropic Messages streaming (behind your proxy): text and thinking deltas of content blocks,
 * the stop reason in `message_delta`, the end at `message_stop`. `ping` and the other block
 * events carry no text.
 */
export const anthropic: Protocol = {
  body: ({ messages, model }) => ({
    model,
    // The Messages API requires max_tokens and takes the system prompt outside `messages`.
    max_tokens: 4096,
    stream: true,
    system:
      messages
        .filter((m) => m.role === 'system')
        .map((m) => m.content)
        .join('\n\n') || undefined,
    messages: messages.filter((m) => m.role !== 'system'),
  }),
  decoder() {
    let reason: string | undefined;
    return (frame) => {
      const event = frame && parseJson<AnthropicEvent>(frame.data);
      if (!event) return [];
      switch (event.type) {
        case 'content_block_delta':
          return deltas(event.delta?.text, event.delta?.thinking);
        case 'message_delta':
          reason = event.delta?.stop_reason ?? reason;
          return [];
        case 'message_stop':
          return [finish(reason)];
        case 'error':
          throw providerError(event.error);
        default:
          return [];
      }
    };
  },
};
