// An upstream's error body is read as the kit's HTTP channel reads it, with one function.
export { errorMessage as upstreamMessage } from '../transports/http-error.js';
/** A request the handler refuses or an upstream failure, answered with its HTTP status. */
export class ChatHandlerError extends Error {
  override readonly name = 'ChatHandlerError';
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  413: 'request_too_large',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
};

/** `{ error: { message, type, code } }`: the shape every transport of the kit reads a message from. */
export function errorResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? 'upstream_error' : 'invalid_request_error');
  return new Response(JSON.stringify({ error: { message, type, code: status } }), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

/** Replaces every occurrence of the secrets in `text` (an upstream may echo a key back). */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out;
}

/** The reason a fetch failed, from its cause (`ECONNREFUSED`, `ENOTFOUND`, …) when it has one. */
export function failureReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code)
      ? `${code} ${cause.message}`
      : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}
