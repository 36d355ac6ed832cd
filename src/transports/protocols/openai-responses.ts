import { deltas, finish, parseJson, providerError, type Protocol } from './protocol.js';

interface ResponsesEvent {
  type?: string;
  delta?: string;
  message?: string;
  response?: { error?: unknown; incomplete_details?: { reason?: string } };
}

/**
 * OpenAI Responses streaming: `response.output_text.delta`, reasoning (summary) deltas,
 * `response.completed` / `response.incomplete` to end, `response.failed` and `error` to fail.
 */
export const openaiResponses: Protocol = {
  body: ({ messages, model }) => ({ model, input: messages, stream: true }),
  decoder: () => (frame) => {
    const event = frame && parseJson<ResponsesEvent>(frame.data);
    switch (event?.type) {
      case 'response.output_text.delta':
        return deltas(event.delta);
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return deltas(undefined, event.delta);
      case 'response.completed':
        return [finish('stop')];
      case 'response.incomplete':
        return [finish(event.response?.incomplete_details?.reason ?? 'incomplete')];
      case 'response.failed':
        throw providerError(event.response?.error);
      case 'error':
        throw providerError(event.message);
      default:
        return [];
    }
  },
};
