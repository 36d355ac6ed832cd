import type { ChatMessage, StreamPart } from '../transport.js';
import { deltas, finish, parseJson, providerError, type Protocol } from './protocol.js';
import { argsObject, asText, ToolCallTracker, usagePart } from './tool-calls.js';

interface UiMessageChunk {
  type?: string;
  delta?: string;
  messageId?: string;
  toolCallId?: string;
  toolName?: string;
  inputTextDelta?: string;
  input?: unknown;
  output?: unknown;
  url?: string;
  title?: string;
  finishReason?: string;
  errorText?: string;
  messageMetadata?: {
    usage?: { inputTokens?: number; outputTokens?: number; reasoningTokens?: number };
  };
}

/** A message's parts as `useChat` sends them: its text, then each tool call with its state. */
function uiParts(message: ChatMessage): unknown[] {
  const parts: unknown[] = message.content ? [{ type: 'text', text: message.content }] : [];
  for (const call of message.toolCalls ?? []) {
    const base = { type: `tool-${call.name}`, toolCallId: call.id, input: argsObject(call.args) };
    if (call.result === undefined) parts.push({ ...base, state: 'input-available' });
    else if (call.isError)
      parts.push({ ...base, state: 'output-error', errorText: asText(call.result) });
    else parts.push({ ...base, state: 'output-available', output: call.result });
  }
  return parts;
}

/**
 * The Vercel AI SDK UI message stream (`toUIMessageStreamResponse()`), as `useChat` reads it.
 * `tool-input-*` chunks are tool calls, `tool-output-*` their results (from tools the server
 * ran, or errors), `source-url` a source, `start` the message id; usage comes from a
 * `messageMetadata.usage` the server adds. A server-side `abort` chunk ends the answer with
 * reason `abort`: the text so far is kept. The request carries tool calls and results as tool
 * parts of the assistant message (there is no tool role; the page's results are sent in them).
 */
export const aiSdk: Protocol = {
  body: ({ messages, model }) => ({
    id: 'stream-chat',
    model,
    trigger: 'submit-message',
    messages: messages
      .filter((m) => m.role !== 'tool')
      .map((m, i) => ({ id: m.id ?? `m${i}`, role: m.role, parts: uiParts(m) })),
  }),
  decoder() {
    const calls = new ToolCallTracker();
    let usage: StreamPart[] = [];
    return (frame) => {
      if (frame?.data === '[DONE]') return [...usage, finish()];
      const chunk = frame && parseJson<UiMessageChunk>(frame.data);
      if (chunk?.messageMetadata?.usage) {
        const { inputTokens, outputTokens, reasoningTokens } = chunk.messageMetadata.usage;
        usage = usagePart(inputTokens, outputTokens, reasoningTokens);
      }
      const id = chunk?.toolCallId ?? '';
      switch (chunk?.type) {
        case 'start':
          return typeof chunk.messageId === 'string'
            ? [{ type: 'meta', messageId: chunk.messageId }]
            : [];
        case 'text-delta':
          return deltas(chunk.delta);
        case 'reasoning-delta':
          return deltas(undefined, chunk.delta);
        case 'tool-input-start':
          return calls.delta(id, { id, name: chunk.toolName });
        case 'tool-input-delta':
          return calls.delta(id, { args: chunk.inputTextDelta });
        case 'tool-input-available':
        case 'tool-input-error':
          calls.delta(id, { id, name: chunk.toolName });
          return [
            ...calls.done(id, asText(chunk.input ?? {})),
            ...(chunk.type === 'tool-input-error'
              ? [{ type: 'tool-result', id, result: chunk.errorText ?? '', isError: true } as const]
              : []),
          ];
        case 'tool-output-available':
          return [{ type: 'tool-result', id, result: chunk.output ?? null }];
        case 'tool-output-error':
          return [{ type: 'tool-result', id, result: chunk.errorText ?? '', isError: true }];
        case 'source-url':
          return typeof chunk.url === 'string'
            ? [
                chunk.title
                  ? { type: 'source', url: chunk.url, title: chunk.title }
                  : { type: 'source', url: chunk.url },
              ]
            : [];
        case 'finish':
          return [...calls.flush(), ...usage, finish(chunk.finishReason)];
        case 'abort':
          return [...usage, finish('abort')];
        case 'error':
          throw providerError(chunk.errorText);
        default:
          return [];
      }
    };
  },
};
