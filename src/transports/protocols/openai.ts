import type { ChatMessage, ChatRequest, StreamPart, ToolDefinition } from '../transport.js';
import { deltas, finish, parseJson, providerError, type Protocol } from './protocol.js';
import { ToolCallTracker, usagePart } from './tool-calls.js';

interface ContentPart {
  type?: string;
  text?: string;
  thinking?: string | ContentPart[];
}

interface ChatCompletionChunk {
  choices?: {
    delta?: {
      content?: string | ContentPart[] | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: {
        index?: number;
        id?: string;
        function?: { name?: string; arguments?: string };
      }[];
      annotations?: { type?: string; url_citation?: { url?: string; title?: string } }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: {
    prompt_tokens?: number;
    completion_tokens?: number;
    completion_tokens_details?: { reasoning_tokens?: number };
  } | null;
  /** Perplexity: the URLs the answer cites, repeated in every chunk. */
  citations?: string[];
  /** Perplexity: the same with titles. */
  search_results?: { url?: string; title?: string }[];
  error?: unknown;
}

/** The text of a content part list: text parts to text, thinking parts (Mistral) to reasoning. */
function contentParts(content: ContentPart[], kind: 'text' | 'thinking' = 'text'): StreamPart[] {
  return content.flatMap((part) => {
    if (part.type === 'thinking') {
      return typeof part.thinking === 'string'
        ? deltas(undefined, part.thinking)
        : contentParts(part.thinking ?? [], 'thinking');
    }
    if (part.type !== 'text') return [];
    return kind === 'text' ? deltas(part.text) : deltas(undefined, part.text);
  });
}

/** One chat message in Chat Completions' shape: tool calls on the assistant, `role: "tool"` results. */
export function chatMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === 'tool') {
    return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
  if (message.role === 'assistant' && message.toolCalls?.length) {
    return {
      role: 'assistant',
      content: message.content || null,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.args || '{}' },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

/** Tools in the OpenAI function shape, which Ollama's native API takes too. */
export const functionTools = (tools: ToolDefinition[]) =>
  tools.map(({ name, description, parameters }) => ({
    type: 'function',
    function: { name, description, parameters: parameters ?? { type: 'object', properties: {} } },
  }));

/** The body of `{ model, messages, stream: true }` with tools in the OpenAI function shape. */
export function chatCompletionsBody({ messages, model, tools }: ChatRequest) {
  return {
    model,
    messages: messages.map(chatMessage),
    stream: true,
    ...(tools?.length && { tools: functionTools(tools) }),
  };
}

/**
 * OpenAI Chat Completions streaming, as OpenAI, vLLM, Ollama's /v1, LiteLLM, OpenRouter, Groq,
 * DeepSeek, Mistral, xAI and Perplexity speak it. Reasoning arrives as `reasoning_content` (vLLM,
 * DeepSeek), `reasoning` (OpenRouter, Ollama) or as thinking parts of a content array (Mistral
 * Magistral). Tool calls are interleaved by `index`, their arguments streamed as text; they are
 * complete at the `finish_reason`. Perplexity's `citations` become sources. Usage (a chunk with
 * empty `choices`, or on every chunk) is reported once, before the end at `[DONE]`.
 */
export const openai: Protocol = {
  body: chatCompletionsBody,
  decoder() {
    let reason: string | undefined;
    let usage: StreamPart[] = [];
    const calls = new ToolCallTracker();
    const cited = new Set<string>();
    const end = () => [...calls.flush(), ...usage, finish(reason)];
    const source = (url: unknown, title?: unknown): StreamPart[] => {
      if (typeof url !== 'string' || !url || cited.has(url)) return [];
      cited.add(url);
      return [
        typeof title === 'string' && title
          ? { type: 'source', url, title }
          : { type: 'source', url },
      ];
    };
    return (frame) => {
      // A stream that ends after a finish_reason but without [DONE] is still complete.
      if (!frame) return reason ? end() : [];
      if (frame.data === '[DONE]') return end();
      const chunk = parseJson<ChatCompletionChunk>(frame.data);
      if (!chunk) return [];
      if (chunk.error) throw providerError(chunk.error);
      const choice = chunk.choices?.[0];
      const delta = choice?.delta;
      const content = delta?.content;
      const parts: StreamPart[] = [
        ...deltas(undefined, delta?.reasoning_content ?? delta?.reasoning),
        ...(Array.isArray(content) ? contentParts(content) : deltas(content)),
      ];
      for (const call of delta?.tool_calls ?? []) {
        parts.push(
          ...calls.delta(call.index ?? 0, {
            id: call.id,
            name: call.function?.name,
            args: call.function?.arguments,
          }),
        );
      }
      for (const annotation of delta?.annotations ?? []) {
        parts.push(...source(annotation.url_citation?.url, annotation.url_citation?.title));
      }
      for (const result of chunk.search_results ?? [])
        parts.push(...source(result.url, result.title));
      for (const url of chunk.citations ?? []) parts.push(...source(url));
      if (chunk.usage) {
        usage = usagePart(
          chunk.usage.prompt_tokens,
          chunk.usage.completion_tokens,
          chunk.usage.completion_tokens_details?.reasoning_tokens,
        );
      }
      if (choice?.finish_reason) {
        reason = choice.finish_reason;
        parts.push(...calls.flush());
      }
      return parts;
    };
  },
};
