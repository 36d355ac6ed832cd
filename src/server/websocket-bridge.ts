import { errorResponse, redact } from './errors.js';
import { withKeepAlive } from './keep-alive.js';
import { openaiSseEncoder } from './openai-sse.js';
import { streamHeaders, type ForwardContext } from './passthrough.js';
import type {
  ServerChatRequest,
  WebSocketConstructor,
  WebSocketEvent,
  WebSocketLike,
  WebSocketUpstream,
} from './types.js';

const OPEN = 1;

/**
 * The default reading of a backend message: `{token}` / `{text}` / `{content}` / `{delta}`
 * (answer text), `{reasoning}` / `{thinking}`, `{done: true}` or `{type: 'done'}` (the end,
 * with `reason` or `finish_reason`), `{error}` (a string or `{message}`), the bare `[DONE]`,
 * and any other non-JSON text as answer text.
 */
export function defaultDecode(message: string): WebSocketEvent[] {
  if (message.trim() === '[DONE]') return [{ type: 'done' }];
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return message ? [{ type: 'text', text: message }] : [];
  }
  if (typeof value === 'string') return value ? [{ type: 'text', text: value }] : [];
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const events: WebSocketEvent[] = [];
  const kind = record.type ?? record.event;
  const error = record.error ?? (kind === 'error' ? record.message : undefined);
  if (error !== undefined && error !== null && error !== false) {
    const text = typeof error === 'string' ? error : (error as { message?: unknown }).message;
    return [
      { type: 'error', message: typeof text === 'string' && text ? text : 'The backend failed.' },
    ];
  }
  const reasoning = record.reasoning ?? record.thinking;
  if (typeof reasoning === 'string' && reasoning)
    events.push({ type: 'reasoning', text: reasoning });
  const text = record.token ?? record.text ?? record.content ?? record.delta;
  if (typeof text === 'string' && text) events.push({ type: 'text', text });
  if (record.done === true || kind === 'done' || kind === 'end' || kind === 'finish') {
    const reason = record.reason ?? record.finish_reason;
    events.push(typeof reason === 'string' ? { type: 'done', reason } : { type: 'done' });
  }
  return events;
}

async function webSocketClass(upstream: WebSocketUpstream): Promise<WebSocketConstructor> {
  if (upstream.WebSocket) return upstream.WebSocket;
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (global) return global;
  try {
    // Node before 22 has no global WebSocket: `ws` is the optional peer dependency for it.
    const ws = (await import('ws')) as unknown as { WebSocket: WebSocketConstructor };
    return ws.WebSocket;
  } catch (cause) {
    throw new Error('This runtime has no WebSocket: install the `ws` package.', { cause });
  }
}

const serialize = (message: string | object) =>
  typeof message === 'string' ? message : JSON.stringify(message);

/**
 * Bridges one answer from a WebSocket backend: one socket per request, the request sent as its
 * first message, each backend message re-encoded as an OpenAI Chat Completions SSE event. When
 * the browser goes away the stop message is sent and the socket closed at once; a socket that
 * closes before the answer's end breaks the SSE response, so the client reports a network error.
 */
export async function bridgeWebSocket(
  upstream: WebSocketUpstream,
  request: ServerChatRequest,
  context: ForwardContext,
): Promise<Response> {
  const host = new URL(upstream.ws).host;
  // The third argument is the class's own (`ws`: `{ headers }`), passed on as it is.
  const Socket = (await webSocketClass(upstream)) as unknown as new (
    ...args: unknown[]
  ) => WebSocketLike;
  const socket =
    upstream.options === undefined
      ? new Socket(upstream.ws, upstream.protocols)
      : new Socket(upstream.ws, upstream.protocols ?? [], upstream.options);
  if ('binaryType' in socket) (socket as { binaryType: string }).binaryType = 'arraybuffer';
  const decode = upstream.decode ?? defaultDecode;
  const encode = openaiSseEncoder(request.model);
  const stop = upstream.stop === undefined ? { type: 'stop' } : upstream.stop;
  let ended = false;
  let live = false;
  const close = (code: number, reason: string) => {
    ended = true;
    context.signal.removeEventListener('abort', onAbort);
    if (socket.readyState <= OPEN) socket.close(code, reason);
  };
  const onAbort = () => {
    if (ended) return;
    if (socket.readyState === OPEN && stop !== null) socket.send(serialize(stop));
    close(1000, 'stopped');
  };

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const events = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel: onAbort,
  });
  const opened = new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(
      () => resolve(`no answer within ${upstream.connectTimeout ?? 10_000} ms`),
      upstream.connectTimeout ?? 10_000,
    );
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    socket.addEventListener('error', (event: { message?: string; error?: unknown }) => {
      clearTimeout(timer);
      resolve(
        event.message ?? (event.error instanceof Error ? event.error.message : 'connection failed'),
      );
    });
    socket.addEventListener('close', (event: { code?: number; reason?: string }) => {
      clearTimeout(timer);
      resolve(`closed with code ${event.code ?? 1006}${event.reason ? `: ${event.reason}` : ''}`);
    });
  });
  socket.addEventListener('message', (event: { data: unknown }) => {
    if (ended) return;
    const data = event.data;
    const text =
      typeof data === 'string'
        ? data
        : new TextDecoder().decode(data instanceof ArrayBuffer ? data : (data as Uint8Array));
    let decoded: WebSocketEvent | WebSocketEvent[] | null | undefined;
    try {
      decoded = decode(text);
    } catch (error) {
      context.onError?.(error);
      decoded = { type: 'error', message: 'The backend sent a message that could not be read.' };
    }
    for (const part of decoded === null || decoded === undefined ? [] : [decoded].flat()) {
      if (part.type === 'text') controller.enqueue(encode.text(part.text));
      else if (part.type === 'reasoning') controller.enqueue(encode.reasoning(part.text));
      else {
        if (part.type === 'done')
          for (const chunk of encode.finish(part.reason)) controller.enqueue(chunk);
        else controller.enqueue(encode.error(redact(part.message, context.secrets)));
        close(1000, 'done');
        controller.close();
        return;
      }
    }
  });
  socket.addEventListener('close', (event: { code?: number }) => {
    if (ended || !live) return;
    ended = true;
    context.signal.removeEventListener('abort', onAbort);
    // Closed before the answer's end: break the response so the client sees it cut off.
    const error = new Error(
      `The WebSocket backend closed mid-answer (code ${event.code ?? 1006}).`,
    );
    context.onError?.(error);
    controller.error(error);
  });
  context.signal.addEventListener('abort', onAbort, { once: true });

  const failure = await opened;
  if (failure !== undefined) {
    close(1000, 'failed');
    if (context.signal.aborted) return errorResponse(400, 'The request was cancelled.');
    context.onError?.(new Error(`WebSocket ${host}: ${failure}`));
    return errorResponse(502, `The WebSocket backend at ${host} is unreachable: ${failure}.`);
  }
  const first = upstream.encode
    ? upstream.encode(request)
    : { model: request.model, messages: request.messages, stream: true };
  live = true;
  socket.send(serialize(first));
  return new Response(withKeepAlive(events, 'sse', context.keepAlive), {
    status: 200,
    headers: streamHeaders('text/event-stream; charset=utf-8'),
  });
}
