import type { ChatMessage, ChatRequest, StreamPart } from '../transport.js';
import { deltas, finish, parseJson, providerError, type Protocol } from './protocol.js';
import { argsObject, asText, usagePart, wholeCall } from './tool-calls.js';
import { functionTools } from './openai.js';

interface OllamaChunk {
  message?: {
    content?: string;
    thinking?: string;
    tool_calls?: { id?: string; function?: { name?: string; arguments?: unknown } }[];
  };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: unknown;
}

/** A message in Ollama's shape: tool calls carry their arguments as an object, results name the tool. */
function ollamaMessage(message: ChatMessage, index: number, all: ChatMessage[]) {
  if (message.role === 'tool') {
    const call = all
      .slice(0, index)
      .flatMap((m) => m.toolCalls ?? [])
      .find((c) => c.id === message.toolCallId);
    return { role: 'tool', content: message.content, ...(call && { tool_name: call.name }) };
  }
  if (message.role === 'assistant' && message.toolCalls?.length) {
    return {
      role: 'assistant',
      content: message.content,
      tool_calls: message.toolCalls.map((call) => ({
        function: { name: call.name, arguments: argsObject(call.args) },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

/**
 * Ollama's native `/api/chat`: one JSON object per line, `done: true` last (with the token
 * counts), `{"error": ...}` on failure. Tool calls arrive whole, their arguments as an object.
 */
export const ollama: Protocol = {
  body: ({ messages, model, tools }: ChatRequest) => ({
    model,
    messages: messages.map(ollamaMessage),
    stream: true,
    ...(tools?.length && { tools: functionTools(tools) }),
  }),
  decoder() {
    let count = 0;
    return (frame) => {
      const chunk = frame && parseJson<OllamaChunk>(frame.data);
      if (!chunk) return [];
      if (chunk.error) throw providerError(chunk.error);
      const parts: StreamPart[] = deltas(chunk.message?.content, chunk.message?.thinking);
      for (const call of chunk.message?.tool_calls ?? []) {
        count += 1;
        const name = call.function?.name;
        if (typeof name !== 'string' || !name) continue;
        parts.push(
          ...wholeCall(call.id ?? `call_${count}`, name, asText(call.function?.arguments ?? {})),
        );
      }
      if (chunk.done) {
        parts.push(
          ...usagePart(chunk.prompt_eval_count, chunk.eval_count),
          finish(chunk.done_reason),
        );
      }
      return parts;
    };
  },
};
