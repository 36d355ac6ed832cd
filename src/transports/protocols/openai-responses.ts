import type { ChatMessage, ChatRequest } from '../transport.js';
import { deltas, finish, parseJson, providerError, type Protocol } from './protocol.js';
import { asText, ToolCallTracker, usagePart } from './tool-calls.js';

interface OutputItem {
  type?: string;
  id?: string;
  call_id?: string;
  name?: string;
  arguments?: string;
  status?: string;
  action?: Record<string, unknown>;
  code?: string;
  outputs?: unknown;
  queries?: unknown;
  results?: unknown;
  output?: unknown;
  error?: unknown;
}

interface ResponsesEvent {
  type?: string;
  delta?: string;
  item_id?: string;
  item?: OutputItem;
  annotation?: { type?: string; url?: string; title?: string };
  message?: string;
  code?: string;
  error?: unknown;
  response?: {
    id?: string;
    error?: unknown;
    incomplete_details?: { reason?: string };
    usage?: {
      input_tokens?: number;
      output_tokens?: number;
      output_tokens_details?: { reasoning_tokens?: number };
    };
  };
}

/** The conversation as input items: messages, and each tool call and its result as items of their own. */
function inputItems(messages: ChatMessage[]): unknown[] {
  return messages.flatMap((message): unknown[] => {
    if (message.role === 'tool') {
      return [
        { type: 'function_call_output', call_id: message.toolCallId, output: message.content },
      ];
    }
    const text = message.content ? [{ role: message.role, content: message.content }] : [];
    if (message.role !== 'assistant' || !message.toolCalls?.length) {
      return [{ role: message.role, content: message.content }];
    }
    return [
      ...text,
      ...message.toolCalls.map((call) => ({
        type: 'function_call',
        call_id: call.id,
        name: call.name,
        arguments: call.args || '{}',
      })),
    ];
  });
}

/** What a built-in tool (web search, code interpreter, file search, MCP) was asked, and its result. */
function builtInCall(item: OutputItem): {
  name: string;
  args: string;
  result: unknown;
  isError: boolean;
} {
  const { sources, ...action } = item.action ?? {};
  const name =
    item.type === 'mcp_call' && item.name ? item.name : (item.type ?? '').replace(/_call$/, '');
  const args =
    item.type === 'mcp_call'
      ? (item.arguments ?? '{}')
      : asText(
          item.action
            ? action
            : item.code !== undefined
              ? { code: item.code }
              : item.queries
                ? { queries: item.queries }
                : {},
        );
  const result =
    item.error ?? item.output ?? item.outputs ?? item.results ?? sources ?? item.status ?? null;
  return { name, args, result, isError: !!item.error || item.status === 'failed' };
}

/**
 * OpenAI Responses streaming: `response.output_text.delta`, reasoning (summary) deltas;
 * `function_call` output items are tool calls (arguments streamed by
 * `response.function_call_arguments.delta`, complete at `response.output_item.done`); built-in
 * tools (`web_search_call`, `code_interpreter_call`, `file_search_call`, `mcp_call`, …) are tool
 * calls with their results; `url_citation` annotations are sources. The response id is meta;
 * usage comes with `response.completed` / `response.incomplete`, which end the answer;
 * `response.failed` and `error` fail it with the server's (nested) message.
 */
export const openaiResponses: Protocol = {
  body: ({ messages, model, tools }: ChatRequest) => ({
    model,
    input: inputItems(messages),
    stream: true,
    ...(tools?.length && {
      tools: tools.map(({ name, description, parameters }) => ({
        type: 'function',
        name,
        description,
        parameters: parameters ?? { type: 'object', properties: {} },
      })),
    }),
  }),
  decoder() {
    const calls = new ToolCallTracker();
    const cited = new Set<string>();
    const usage = (event: ResponsesEvent) =>
      usagePart(
        event.response?.usage?.input_tokens,
        event.response?.usage?.output_tokens,
        event.response?.usage?.output_tokens_details?.reasoning_tokens,
      );
    return (frame) => {
      const event = frame && parseJson<ResponsesEvent>(frame.data);
      const item = event?.item;
      switch (event?.type) {
        case 'response.created':
          return typeof event.response?.id === 'string'
            ? [{ type: 'meta', responseId: event.response.id }]
            : [];
        case 'response.output_text.delta':
          return deltas(event.delta);
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta':
          return deltas(undefined, event.delta);
        case 'response.output_item.added':
          if (item?.type === 'function_call' && item.id) {
            return calls.delta(item.id, {
              id: item.call_id,
              name: item.name,
              args: item.arguments,
            });
          }
          if (item?.type?.endsWith('_call') && item.id) {
            return calls.delta(item.id, { id: item.id, name: builtInCall(item).name });
          }
          return [];
        case 'response.function_call_arguments.delta':
          return event.item_id ? calls.delta(event.item_id, { args: event.delta }) : [];
        case 'response.output_item.done': {
          if (!item?.id) return [];
          if (item.type === 'function_call') return calls.done(item.id, item.arguments);
          if (!item.type?.endsWith('_call')) return [];
          const { name, args, result, isError } = builtInCall(item);
          calls.delta(item.id, { id: item.id, name });
          const id = calls.idOf(item.id) ?? item.id;
          return [
            ...calls.done(item.id, args),
            { type: 'tool-result', id, result, ...(isError && { isError: true }) },
          ];
        }
        case 'response.output_text.annotation.added': {
          const { url, title } = event.annotation ?? {};
          if (
            event.annotation?.type !== 'url_citation' ||
            typeof url !== 'string' ||
            cited.has(url)
          ) {
            return [];
          }
          cited.add(url);
          return [
            typeof title === 'string' && title
              ? { type: 'source', url, title }
              : { type: 'source', url },
          ];
        }
        case 'response.completed':
          return [...calls.flush(), ...usage(event), finish('stop')];
        case 'response.incomplete':
          return [
            ...calls.flush(),
            ...usage(event),
            finish(event.response?.incomplete_details?.reason ?? 'incomplete'),
          ];
        case 'response.failed':
          throw providerError(event.response?.error);
        case 'error':
          throw providerError(event.error ?? event);
        default:
          return [];
      }
    };
  },
};
