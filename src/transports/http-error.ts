import { StreamError } from './transport.js';

/**
 * The error for a response that failed: an HTTP status (with the server's own message when its
 * body carries one, and `Retry-After`), or a successful response that is not an event stream.
 */
export async function responseError(response: Response): Promise<StreamError> {
  const message = errorMessage(await response.text().catch(() => ''));
  if (response.ok) {
    return new StreamError(
      'protocol',
      message ?? `Expected an event stream, got ${response.headers.get('content-type')}.`,
    );
  }
  return new StreamError(
    'http',
    message ?? `HTTP ${response.status} ${response.statusText}`.trim() + '.',
    {
      status: response.status,
      retryAfter: parseRetryAfter(response.headers.get('retry-after')),
    },
  );
}

/**
 * The message in an error body: JSON `error.message` (OpenAI, Anthropic), `error` (Ollama),
 * `message` (Dify), `detail` (FastAPI), or short plain text. HTML error pages give nothing.
 */
export function errorMessage(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as Record<string, unknown> | null;
    const error = json?.error as { message?: unknown } | string | undefined;
    const message =
      typeof error === 'object' ? error?.message : (error ?? json?.message ?? json?.detail);
    return typeof message === 'string' && message ? message : undefined;
  } catch {
    const text = body.trim();
    return text && !text.startsWith('<') ? text.slice(0, 500) : undefined;
  }
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}
