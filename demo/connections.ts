// Which protocols each transport can carry in the demo, and where the mock model serves them
// (see demo/server/mock-server.mjs).

export type Transport = 'sse' | 'websocket' | 'ndjson' | 'text';

export const PROTOCOL_LABELS: Record<string, string> = {
  openai: 'OpenAI Chat Completions',
  'openai-responses': 'OpenAI Responses',
  anthropic: 'Anthropic Messages',
  dify: 'Dify',
  'ai-sdk': 'Vercel AI SDK UI stream',
  ollama: 'Ollama',
  text: 'Plain text',
};

const HTTP_PATHS: Record<string, string> = {
  openai: '/v1/chat/completions',
  'openai-responses': '/v1/responses',
  anthropic: '/v1/messages',
  dify: '/v1/chat-messages',
  'ai-sdk': '/api/ai-sdk/chat',
  ollama: '/api/chat',
  text: '/api/text',
};

export const PROTOCOLS_BY_TRANSPORT: Record<Transport, string[]> = {
  sse: ['openai', 'openai-responses', 'anthropic', 'dify', 'ai-sdk'],
  websocket: ['openai', 'openai-responses', 'anthropic', 'dify', 'ollama', 'ai-sdk', 'text'],
  ndjson: ['ollama'],
  text: ['text'],
};

/** The mock endpoint for a transport and protocol; the pace travels as `?rate=`. */
export function endpointFor(transport: Transport, protocol: string, rate: number): string {
  const path = transport === 'websocket' ? `/ws?protocol=${protocol}&` : `${HTTP_PATHS[protocol]}?`;
  return `${path}rate=${rate}`;
}
