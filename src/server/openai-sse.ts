// The one SSE encoder the server needs: the WebSocket bridge speaks OpenAI Chat Completions
// chunks, the kit's default protocol, so `<stream-chat endpoint="…">` reads it with no other
// setting. test/node/server-websocket.test.mjs decodes it with the kit's own openai decoder.

const encoder = new TextEncoder();

/** Encodes the SSE events of one answer as Chat Completions chunks. */
export function openaiSseEncoder(model: string | undefined) {
  const base = {
    id: `chatcmpl-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: model ?? 'websocket',
  };
  const event = (value: unknown) => encoder.encode(`data: ${JSON.stringify(value)}\n\n`);
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    event({ ...base, choices: [{ index: 0, delta, finish_reason: finishReason }] });
  return {
    text: (content: string) => chunk({ content }),
    reasoning: (text: string) => chunk({ reasoning_content: text }),
    finish: (reason = 'stop') => [chunk({}, reason), encoder.encode('data: [DONE]\n\n')],
    error: (message: string) => event({ error: { message, type: 'upstream_error' } }),
  };
}
