import type { ChatHandler } from './handler.js';

/** The parts of `node:http`'s IncomingMessage (and Express's request) the adapter reads. */
export interface NodeRequest {
  method?: string | undefined;
  url?: string | undefined;
  /** Express keeps the mount path here; used over `url` when present. */
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  /** A body an earlier middleware parsed (`express.json()`), used instead of the stream. */
  body?: unknown;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  readableEnded?: boolean;
  complete?: boolean;
}

/** The parts of `node:http`'s ServerResponse (and Express's response) the adapter uses. */
export interface NodeResponse {
  headersSent: boolean;
  writableFinished: boolean;
  destroyed: boolean;
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  flushHeaders?(): void;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  destroy(error?: Error): unknown;
  on(event: 'close' | 'drain', listener: () => void): unknown;
  once(event: 'close' | 'drain', listener: () => void): unknown;
  off?(event: 'close' | 'drain', listener: () => void): unknown;
}

export type NodeHandler = (
  req: NodeRequest,
  res: NodeResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/**
 * Runs a Fetch API handler in `node:http`, Express, Connect, Fastify's raw mode or Koa's
 * `ctx.req/ctx.res`: the request becomes a `Request` whose signal aborts when the client
 * disconnects, and the response is written chunk by chunk, headers flushed at once, with
 * back-pressure. A response body that fails mid-stream destroys the connection, so the client
 * sees the break rather than a clean end.
 */
export function toNodeHandler(handler: ChatHandler): NodeHandler {
  return async (req, res, next) => {
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort(new Error('The client went away.'));
    });
    let response: Response;
    try {
      response = await handler(toRequest(req, gone.signal));
    } catch (error) {
      if (next) return next(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
      return;
    }
    await writeResponse(response, req, res, gone.signal);
  };
}

function toRequest(req: NodeRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const host = headers.get('host') ?? 'localhost';
  const url = new URL(req.originalUrl ?? req.url ?? '/', `http://${host}`);
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = req.body;
    if (parsed === undefined || parsed === null) {
      init.body = bodyStream(req);
      init.duplex = 'half';
    } else {
      // An earlier middleware read the body already (express.json(), express.text()).
      init.body =
        typeof parsed === 'string'
          ? parsed
          : parsed instanceof Uint8Array
            ? new TextDecoder().decode(parsed)
            : JSON.stringify(parsed);
      headers.delete('content-length');
      headers.delete('transfer-encoding');
    }
  }
  return new Request(url, init);
}

/** The request body as a stream that pauses the socket when nobody reads. */
function bodyStream(req: NodeRequest): ReadableStream<Uint8Array> {
  let closed = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk) => {
          if (closed) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on('end', () => {
          if (closed) return;
          closed = true;
          controller.close();
        });
        req.on('error', (error) => {
          if (closed) return;
          closed = true;
          controller.error(error);
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        // Refused (too large): read the rest away so the answer can still be sent.
        closed = true;
        req.resume();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

async function writeResponse(
  response: Response,
  req: NodeRequest,
  res: NodeResponse,
  gone: AbortSignal,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (req.body === undefined && req.complete === false) {
    // Refused before the body was read (too large): drop the rest and this connection, which
    // would otherwise be reused with the unread body still in it.
    headers.connection = 'close';
    req.resume();
  }
  res.writeHead(response.status, headers);
  res.flushHeaders?.();
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel(gone.reason).catch(() => undefined);
  if (gone.aborted) cancel();
  gone.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) continue;
      if (!res.write(value)) await drained(res);
    }
    if (!res.destroyed) res.end();
  } catch {
    // The answer broke mid-stream: break the connection too, so the client does not take the
    // partial answer for a complete one.
    res.destroy();
  } finally {
    gone.removeEventListener('abort', cancel);
  }
}

function drained(res: NodeResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off?.('drain', done);
      res.off?.('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
