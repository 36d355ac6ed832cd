import { ChatHandlerError, errorResponse } from './errors.js';
import { anthropicCall, difyCall, ollamaCall, openaiCall } from './http-upstreams.js';
import { passThrough, type ForwardContext } from './passthrough.js';
import { readChatRequest } from './request.js';
import type { ChatHandlerOptions, DifyUpstream, ServerChatRequest, Upstream } from './types.js';
import { bridgeWebSocket } from './websocket-bridge.js';

/** A Fetch API request handler: Next.js route handlers, Hono, Deno.serve, Bun.serve, workers. */
export type ChatHandler = (request: Request) => Promise<Response>;

const DEFAULT_KEEP_ALIVE_MS = 15_000;

/**
 * The server end of `<stream-chat>`: validates what the page sends, adds the key, forwards the
 * conversation to the upstream model and streams the answer back unbuffered, in a protocol the
 * chat reads (`openai` for OpenAI-compatible and WebSocket upstreams, `anthropic`, `dify`, and
 * `ollama` over the `ndjson` transport). When the browser stops or leaves, the upstream request
 * is aborted (or the socket closed) at once, so the model stops too.
 *
 * ```ts
 * // app/api/chat/route.ts (Next.js)
 * export const POST = createChatHandler({
 *   upstream: { url: 'https://api.openai.com/v1', apiKey: process.env.OPENAI_API_KEY, model: 'gpt-4o-mini' },
 * });
 * ```
 */
export function createChatHandler(options: ChatHandlerOptions): ChatHandler {
  const upstream = checkUpstream(options.upstream);
  const keepAlive = options.keepAlive ?? DEFAULT_KEEP_ALIVE_MS;
  const secrets = [
    'apiKey' in upstream ? upstream.apiKey : undefined,
    ...Object.values(upstream.headers ?? {}),
  ];
  return async (request) => {
    try {
      if (options.authorize) {
        const verdict: unknown = await options.authorize(request);
        if (verdict === false) return errorResponse(401, 'You are not allowed to use this chat.');
        if (verdict instanceof Response) return verdict;
      }
      const chat = await readChatRequest(request, options);
      const context: ForwardContext = {
        signal: request.signal,
        keepAlive,
        fetch: options.fetch ?? fetch,
        secrets,
        onError: options.onError,
      };
      return await forward(upstream, chat, request, context);
    } catch (error) {
      if (error instanceof ChatHandlerError) {
        return errorResponse(error.status, error.message, error.headers);
      }
      options.onError?.(error);
      return errorResponse(500, 'The chat server failed; see its log.');
    }
  };
}

async function forward(
  upstream: Upstream,
  chat: ServerChatRequest,
  request: Request,
  context: ForwardContext,
): Promise<Response> {
  switch (upstream.type) {
    case 'anthropic':
      return passThrough(anthropicCall(upstream, chat), context);
    case 'ollama':
      return passThrough(ollamaCall(upstream, chat), context);
    case 'dify':
      return passThrough(difyCall(upstream, chat, await difyUser(upstream, request)), context);
    case 'websocket':
      return bridgeWebSocket(upstream, chat, context);
    default:
      if ('ws' in upstream) return bridgeWebSocket(upstream, chat, context);
      return passThrough(openaiCall(upstream, chat), context);
  }
}

async function difyUser(upstream: DifyUpstream, request: Request): Promise<string> {
  const user = typeof upstream.user === 'function' ? await upstream.user(request) : upstream.user;
  return user || 'stream-chat-elements';
}

/** Fails at start-up, with the bad value in the message, rather than on every request. */
function checkUpstream(upstream: Upstream): Upstream {
  if (typeof upstream !== 'object' || upstream === null) {
    throw new TypeError('createChatHandler: `upstream` is required.');
  }
  const address = 'ws' in upstream ? upstream.ws : upstream.url;
  if (address !== undefined) {
    try {
      new URL(address);
    } catch {
      throw new TypeError(`createChatHandler: ${JSON.stringify(address)} is not a URL.`);
    }
  } else if (upstream.type !== 'anthropic' && upstream.type !== 'ollama') {
    throw new TypeError('createChatHandler: the upstream needs a `url` (or `ws`).');
  }
  return upstream;
}
