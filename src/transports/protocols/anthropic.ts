import type { ChatMessage, ChatRequest } from '../transport.js';
import { deltas, finish, parseJson, providerError, type Protocol } from './protocol.js';
import { argsObject, asText, ToolCallTracker, usagePart } from './tool-calls.js';

interface AnthropicEvent {
  type?: string;
  index?: number;
  message?: { id?: string; usage?: { input_tokens?: number; output_tokens?: number } };
  content_block?: {
    type?: string;
    id?: string;
    name?: string;
    input?: unknown;
    tool_use_id?: string;
    content?: unknown;
    is_error?: boolean;
  };
  delta?: {
    type?: string;
    text?: string;
    thinking?: string;
    partial_json?: string;
    citation?: { url?: string; title?: string };
    stop_reason?: string;
  };
  usage?: { input_tokens?: number; output_tokens?: number };
  error?: unknown;
}

/** A tool result block (`web_search_tool_result`, `mcp_tool_result`, …) failed when it says so. */
function isErrorResult(block: NonNullable<AnthropicEvent['content_block']>): boolean {
  const content = block.content as { type?: unknown } | undefined;
  return (
    block.is_error === true ||
    (typeof content?.type === 'string' && content.type.endsWith('_error'))
  );
}

/**
 * The conversation in Messages' shape: the system prompt apart, an assistant's tool calls as
 * `tool_use` blocks after its text, and the results as `tool_result` blocks of one user message.
 */
function anthropicMessages(messages: ChatMessage[]) {
  const out: { role: string; content: unknown }[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    if (message.role === 'tool') {
      const call = messages
        .flatMap((m) => m.toolCalls ?? [])
        .find((c) => c.id === message.toolCallId);
      const block = {
        type: 'tool_result',
        tool_use_id: message.toolCallId,
        content: message.content,
        ...(call?.isError && { is_error: true }),
      };
      const last = out.at(-1);
      if (last?.role === 'user' && Array.isArray(last.content)) last.content.push(block);
      else out.push({ role: 'user', content: [block] });
    } else if (message.role === 'assistant' && message.toolCalls?.length) {
      out.push({
        role: 'assistant',
        content: [
          ...(message.content ? [{ type: 'text', text: message.content }] : []),
          ...message.toolCalls.map((call) => ({
            type: 'tool_use',
            id: call.id,
            name: call.name,
            input: argsObject(call.args),
          })),
        ],
      });
    } else {
      out.push({ role: message.role, content: message.content });
    }
  }
  return out;
}

/**
 * Anthropic Messages streaming (behind your proxy): text and thinking deltas of content blocks;
 * `tool_use` (and the server's own `server_tool_use`, `mcp_tool_use`) blocks are tool calls whose
 * `input_json_delta`s stream the arguments, complete at `content_block_stop`; `*_tool_result`
 * blocks are the results of server tools; web-search citations are sources. Usage comes from
 * `message_start` and `message_delta`, the stop reason from `message_delta`, the end at
 * `message_stop`.
 */
export const anthropic: Protocol = {
  body: ({ messages, model, tools }: ChatRequest) => ({
    model,
    // The Messages API requires max_tokens and takes the system prompt outside `messages`.
    max_tokens: 4096,
    stream: true,
    system:
      messages
        .filter((m) => m.role === 'system')
        .map((m) => m.content)
        .join('\n\n') || undefined,
    messages: anthropicMessages(messages),
    ...(tools?.length && {
      tools: tools.map(({ name, description, parameters }) => ({
        name,
        description,
        input_schema: parameters ?? { type: 'object', properties: {} },
      })),
    }),
  }),
  decoder() {
    let reason: string | undefined;
    let input: number | undefined;
    let output: number | undefined;
    const calls = new ToolCallTracker();
    const cited = new Set<string>();
    return (frame) => {
      const event = frame && parseJson<AnthropicEvent>(frame.data);
      if (!event) return [];
      const key = event.index ?? 0;
      switch (event.type) {
        case 'message_start':
          input = event.message?.usage?.input_tokens ?? input;
          output = event.message?.usage?.output_tokens ?? output;
          return typeof event.message?.id === 'string'
            ? [{ type: 'meta', messageId: event.message.id }]
            : [];
        case 'content_block_start': {
          const block = event.content_block;
          if (!block?.type) return [];
          if (block.type.endsWith('tool_use')) {
            const given = asText(block.input ?? {});
            return calls.delta(key, { id: block.id, name: block.name, fallback: given });
          }
          if (block.type.endsWith('_tool_result') && typeof block.tool_use_id === 'string') {
            return [
              {
                type: 'tool-result',
                id: block.tool_use_id,
                result: block.content ?? null,
                ...(isErrorResult(block) && { isError: true }),
              },
            ];
          }
          return [];
        }
        case 'content_block_delta': {
          const delta = event.delta;
          if (delta?.type === 'input_json_delta')
            return calls.delta(key, { args: delta.partial_json });
          if (delta?.type === 'citations_delta') {
            const url = delta.citation?.url;
            if (typeof url !== 'string' || !url || cited.has(url)) return [];
            cited.add(url);
            const title = delta.citation?.title;
            return [
              typeof title === 'string' && title
                ? { type: 'source', url, title }
                : { type: 'source', url },
            ];
          }
          return deltas(delta?.text, delta?.thinking);
        }
        case 'content_block_stop':
          return calls.done(key);
        case 'message_delta':
          reason = event.delta?.stop_reason ?? reason;
          input = event.usage?.input_tokens ?? input;
          output = event.usage?.output_tokens ?? output;
          return [];
        case 'message_stop':
          return [...calls.flush(), ...usagePart(input, output), finish(reason)];
        case 'error':
          throw providerError(event.error);
        default:
          return [];
      }
    };
  },
};
