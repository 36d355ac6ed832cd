import type { Framing } from './keep-alive.js';
import type {
  AnthropicUpstream,
  DifyUpstream,
  OllamaUpstream,
  OpenAIUpstream,
  ServerChatRequest,
} from './types.js';

/** One upstream HTTP request, built on the server from the validated request only. */
export interface UpstreamCall {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** How the answer is framed, for keep-alives, and its content type if the upstream sends none. */
  framing: Framing;
}

/** `base` with `path` appended unless it already ends with it. */
export function endpoint(base: string, path: string): string {
  const url = new URL(base);
  const trimmed = url.pathname.replace(/\/+$/, '');
  // Keeps a query such as Azure's `?api-version=`.
  url.pathname = trimmed.endsWith(path) ? trimmed : `${trimmed}${path}`;
  return url.href;
}

const json = { 'content-type': 'application/json' };

export function openaiCall(upstream: OpenAIUpstream, request: ServerChatRequest): UpstreamCall {
  return {
    url: endpoint(upstream.url, '/chat/completions'),
    headers: {
      ...json,
      accept: 'text/event-stream',
      ...upstream.headers,
      ...(upstream.apiKey ? { authorization: `Bearer ${upstream.apiKey}` } : {}),
    },
    body: {
      ...upstream.body,
      ...(request.model === undefined ? {} : { model: request.model }),
      messages: request.messages,
      ...(request.tools ? { tools: request.tools } : {}),
      stream: true,
    },
    framing: 'sse',
  };
}

export function anthropicCall(
  upstream: AnthropicUpstream,
  request: ServerChatRequest,
): UpstreamCall {
  const system = request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n\n');
  return {
    url: endpoint(upstream.url ?? 'https://api.anthropic.com', '/v1/messages'),
    headers: {
      ...json,
      accept: 'text/event-stream',
      'anthropic-version': upstream.version ?? '2023-06-01',
      ...upstream.headers,
      ...(upstream.apiKey ? { 'x-api-key': upstream.apiKey } : {}),
    },
    body: {
      max_tokens: upstream.maxTokens ?? 4096,
      ...upstream.body,
      ...(request.model === undefined ? {} : { model: request.model }),
      ...(system ? { system } : {}),
      messages: request.messages
        .filter((message) => message.role === 'user' || message.role === 'assistant')
        .map(({ role, content }) => ({ role, content })),
      stream: true,
    },
    framing: 'sse',
  };
}

export function ollamaCall(upstream: OllamaUpstream, request: ServerChatRequest): UpstreamCall {
  return {
    url: endpoint(upstream.url ?? 'http://localhost:11434', '/api/chat'),
    headers: { ...json, accept: 'application/x-ndjson', ...upstream.headers },
    body: {
      ...upstream.body,
      ...(request.model === undefined ? {} : { model: request.model }),
      messages: request.messages.map(({ role, content }) => ({ role, content })),
      stream: true,
    },
    framing: 'ndjson',
  };
}

export function difyCall(
  upstream: DifyUpstream,
  request: ServerChatRequest,
  user: string,
): UpstreamCall {
  const query = request.messages.findLast((message) => message.role === 'user')?.content ?? '';
  return {
    url: endpoint(upstream.url, '/chat-messages'),
    headers: {
      ...json,
      accept: 'text/event-stream',
      ...upstream.headers,
      authorization: `Bearer ${upstream.apiKey}`,
    },
    body: {
      ...upstream.body,
      inputs: upstream.inputs ?? {},
      query,
      response_mode: 'streaming',
      user,
      ...(request.conversationId ? { conversation_id: request.conversationId } : {}),
    },
    framing: 'sse',
  };
}
