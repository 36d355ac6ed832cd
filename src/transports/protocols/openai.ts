import { chatBody, deltas, finish, parseJson, providerError, type Protocol } from './protocol.js';

interface ChatCompletionChunk {
  choices?: {
    delta?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
    };
    finish_reason?: string | null;
  }[];
  error?: unknown;
}

/**
 * OpenAI Chat Completions streaming, as OpenAI, vLLM, Ollama's /v1, LiteLLM and OpenRouter speak
 * it. Reasoning arrives as `reasoning_content` (vLLM, DeepSeek) or `reasoning` (OpenRouter,
 * Ollama). The answer ends at `[DONE]`; a usage chunk with empty `choices` may come before it.
 */
export const openai: Protocol = {
  body: chatBody,
  decoder() {
    let reason: string | undefined;
    return (frame) => {
      // A stream that ends after a finish_reason but without [DONE] is still complete.
      if (!frame) return reason ? [finish(reason)] : [];
      if (frame.data === '[DONE]') return [finish(reason)];
      const chunk = parseJson<ChatCompletionChunk>(frame.data);
      if (chunk?.error) throw providerError(chunk.error);
      const choice = chunk?.choices?.[0];
      reason = choice?.finish_reason ?? reason;
      return deltas(
        choice?.delta?.content,
        choice?.delta?.reasoning_content ?? choice?.delta?.reasoning,
      );
    };
  },
};
