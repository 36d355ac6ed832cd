import { errorResponse, failureReason, redact, upstreamMessage } from './errors.js';
import type { UpstreamCall } from './http-upstreams.js';
import { withKeepAlive } from './keep-alive.js';

export interface ForwardContext {
  /** Aborted when the browser goes away. */
  signal: AbortSignal;
  keepAlive: number;
  fetch: typeof fetch;
  /** Never to appear in anything sent to the browser. */
  secrets: (string | undefined)[];
  onError?: ((error: unknown) => void) | undefined;
}

/** The headers of every streamed answer: nothing on the way may buffer or compress it. */
export function streamHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  };
}

/**
 * Sends one upstream request and streams its answer back byte for byte. The upstream request
 * is aborted the moment the browser goes away (the request's signal, or the response body
 * being cancelled), so the model stops generating.
 */
export async function passThrough(call: UpstreamCall, context: ForwardContext): Promise<Response> {
  const upstream = new AbortController();
  const abort = () => upstream.abort(context.signal.reason);
  if (context.signal.aborted) abort();
  context.signal.addEventListener('abort', abort, { once: true });
  const release = () => context.signal.removeEventListener('abort', abort);
  const host = new URL(call.url).host;
  let response: Response;
  try {
    response = await context.fetch(call.url, {
      method: 'POST',
      headers: call.headers,
      body: JSON.stringify(call.body),
      signal: upstream.signal,
    });
  } catch (error) {
    release();
    context.onError?.(error);
    if (upstream.signal.aborted) return errorResponse(400, 'The request was cancelled.');
    return errorResponse(
      502,
      redact(
        `The model server at ${host} is unreachable: ${failureReason(error)}`,
        context.secrets,
      ),
    );
  }
  if (!response.ok) {
    release();
    const text = await response.text().catch(() => '');
    const message =
      upstreamMessage(text) ?? `The model server at ${host} answered HTTP ${response.status}.`;
    const retryAfter = response.headers.get('retry-after');
    context.onError?.(new Error(`HTTP ${response.status} from ${host}: ${message}`));
    return errorResponse(
      response.status,
      redact(message, context.secrets),
      retryAfter === null ? {} : { 'retry-after': retryAfter },
    );
  }
  const contentType =
    response.headers.get('content-type') ??
    (call.framing === 'sse' ? 'text/event-stream; charset=utf-8' : 'application/x-ndjson');
  if (response.body === null) {
    release();
    return new Response(null, { status: response.status, headers: streamHeaders(contentType) });
  }
  const body = guarded(
    response.body,
    () => {
      upstream.abort();
      release();
    },
    (error) => {
      release();
      if (!upstream.signal.aborted) context.onError?.(error);
    },
    release,
  );
  return new Response(withKeepAlive(body, call.framing, context.keepAlive), {
    status: response.status,
    headers: streamHeaders(contentType),
  });
}

/** `source`, with hooks for its three ways to end: cancelled, failed, finished. */
function guarded(
  source: ReadableStream<Uint8Array>,
  onCancel: () => void,
  onFail: (error: unknown) => void,
  onDone: () => void,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            onDone();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          onFail(error);
          controller.error(error);
        }
      },
      cancel(reason) {
        onCancel();
        return reader.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
