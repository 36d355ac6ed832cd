import { finish, deltas, parseJson, providerError, type Protocol } from './protocol.js';

interface DifyEvent {
  event?: string;
  answer?: string;
  message?: string;
  data?: { text?: string; status?: string; error?: string };
}

/**
 * Dify `chat-messages` (chat, agent and chatflow apps) and `workflows/run` with
 * `response_mode: "streaming"`. Dify keeps the conversation itself, so the default body sends the
 * last user message as `query`; pass `body(request)` to add a `conversation_id`.
 */
export const dify: Protocol = {
  body: ({ messages }) => ({
    inputs: {},
    query: messages.findLast((m) => m.role === 'user')?.content ?? '',
    response_mode: 'streaming',
    user: 'stream-chat-elements',
  }),
  decoder: () => (frame) => {
    const event = frame && parseJson<DifyEvent>(frame.data);
    switch (event?.event) {
      case 'message':
      case 'agent_message':
        return deltas(event.answer);
      case 'text_chunk':
        return deltas(event.data?.text);
      case 'message_end':
        return [finish('stop')];
      case 'workflow_finished':
        if (event.data?.status === 'failed') throw providerError(event.data.error);
        return [finish(event.data?.status)];
      case 'error':
        throw providerError(event.message);
      default:
        return [];
    }
  },
};
