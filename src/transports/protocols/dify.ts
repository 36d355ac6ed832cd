import type { StreamPart } from '../transport.js';
import { finish, deltas, parseJson, providerError, type Protocol } from './protocol.js';
import { usagePart, wholeCall } from './tool-calls.js';

interface DifyEvent {
  event?: string;
  answer?: string;
  message?: string;
  code?: string;
  conversation_id?: string;
  message_id?: string;
  id?: string;
  tool?: string;
  tool_input?: string;
  observation?: string;
  metadata?: {
    usage?: { prompt_tokens?: number; completion_tokens?: number };
    retriever_resources?: { url?: string; document_name?: string; dataset_name?: string }[];
  };
  data?: { text?: string; status?: string; error?: string };
}

/**
 * Dify `chat-messages` (chat, agent and chatflow apps) and `workflows/run` with
 * `response_mode: "streaming"`. Dify keeps the conversation itself: the body sends the last user
 * message as `query` and the `conversation_id` of the previous answer (the stream's `meta`).
 * Agent thoughts are tool calls with their observations as results; `message_replace` replaces
 * the answer (output moderation); `message_end` ends it with usage and retriever resources as
 * sources. A chatflow's `workflow_finished` comes before its `message_end`; a workflow app ends
 * there.
 */
export const dify: Protocol = {
  body: ({ messages, meta }) => ({
    inputs: {},
    query: messages.findLast((m) => m.role === 'user')?.content ?? '',
    response_mode: 'streaming',
    user: 'stream-chat-elements',
    ...(meta?.conversationId && { conversation_id: meta.conversationId }),
  }),
  decoder() {
    let conversation: string | undefined;
    let chatflow = false;
    let workflowStatus: string | undefined;
    const thoughts = new Map<string, { called: boolean; answered: boolean }>();
    const ids = (event: DifyEvent): StreamPart[] => {
      chatflow ||= typeof event.message_id === 'string';
      if (typeof event.conversation_id !== 'string' || event.conversation_id === conversation)
        return [];
      conversation = event.conversation_id;
      return [
        {
          type: 'meta',
          conversationId: conversation,
          ...(typeof event.message_id === 'string' && { messageId: event.message_id }),
        },
      ];
    };
    const thought = (event: DifyEvent): StreamPart[] => {
      const id = event.id ?? '';
      const seen = thoughts.get(id) ?? { called: false, answered: false };
      thoughts.set(id, seen);
      const parts: StreamPart[] = [];
      if (event.tool && !seen.called) {
        seen.called = true;
        parts.push(...wholeCall(id, event.tool, event.tool_input || '{}'));
      }
      if (seen.called && event.observation && !seen.answered) {
        seen.answered = true;
        parts.push({ type: 'tool-result', id, result: event.observation });
      }
      return parts;
    };
    return (frame) => {
      // A workflow app's stream ends after `workflow_finished`; nothing else comes.
      if (!frame) return workflowStatus !== undefined ? [finish(workflowStatus)] : [];
      const event = parseJson<DifyEvent>(frame.data);
      if (!event) return [];
      const parts = ids(event);
      switch (event.event) {
        case 'message':
        case 'agent_message':
          return [...parts, ...deltas(event.answer)];
        case 'agent_thought':
          return [...parts, ...thought(event)];
        case 'text_chunk':
          return [...parts, ...deltas(event.data?.text)];
        case 'message_replace':
          return [...parts, { type: 'replace', text: event.answer ?? '' }];
        case 'message_end': {
          const sources = (event.metadata?.retriever_resources ?? []).map(
            (resource): StreamPart => ({
              type: 'source',
              url: resource.url ?? '',
              title: resource.document_name ?? resource.dataset_name ?? '',
            }),
          );
          const usage = event.metadata?.usage;
          return [
            ...parts,
            ...sources,
            ...usagePart(usage?.prompt_tokens, usage?.completion_tokens),
            finish('stop'),
          ];
        }
        case 'workflow_finished':
          if (event.data?.status === 'failed') throw providerError(event.data.error);
          workflowStatus = event.data?.status ?? 'succeeded';
          // A chatflow goes on with `message_replace` and `message_end`.
          return chatflow ? parts : [...parts, finish(workflowStatus)];
        case 'error':
          throw providerError(event);
        default:
          return parts;
      }
    };
  },
};
