// Upstream mode: the demo's /v1/chat/completions forwards to a real OpenAI-compatible server
// (OpenAI, Ollama's /v1, vLLM, LiteLLM, OpenRouter). The API key is added here, on the server,
// and never reaches the browser; the answer is piped through chunk by chunk, never buffered;
// when the browser goes away (stop button, closed tab) the upstream request is aborted so the
// model stops generating and stops billing.
import { Readable } from 'node:stream';
import { readBody, RequestError } from './request.mjs';

/**
 * @typedef {object} Upstream
 * @property {string} url - base URL such as `https://api.openai.com/v1` (or the full
 *   `…/chat/completions` URL)
 * @property {string} [apiKey] - sent as `Authorization: Bearer …`
 * @property {string} [model] - replaces the model the page asked for
 */

/**
 * The upstream configuration from UPSTREAM_URL, UPSTREAM_API_KEY and UPSTREAM_MODEL.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Upstream | undefined}
 */
export function upstreamFromEnv(env) {
  const url = env.UPSTREAM_URL?.trim();
  if (!url) return undefined;
  new URL(url); // Fails at start-up, with the bad value in the message, rather than per request.
  const apiKey = env.UPSTREAM_API_KEY?.trim();
  const model = env.UPSTREAM_MODEL?.trim();
  return { url, ...(apiKey ? { apiKey } : {}), ...(model ? { model } : {}) };
}

/** @param {string} base */
export function chatCompletionsUrl(base) {
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
}

/**
 * Forwards one chat completion request and streams the answer back as it arrives.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Upstream} upstream
 * @param {AbortSignal} signal - aborted when the browser disconnects
 * @returns {Promise<void>}
 */
export async function proxyChatCompletions(req, res, upstream, signal) {
  let body;
  try {
    body = await readBody(req);
  } catch (error) {
    const status = error instanceof RequestError ? error.status : 400;
    return fail(res, status, error instanceof Error ? error.message : String(error));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail(res, 400, 'The request body must be a JSON object.');
  }
  const forwarded = upstream.model ? { ...body, model: upstream.model } : body;
  const target = chatCompletionsUrl(upstream.url);
  /** @type {Response} */
  let response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: req.headers.accept ?? 'text/event-stream',
        ...(upstream.apiKey ? { authorization: `Bearer ${upstream.apiKey}` } : {}),
      },
      body: JSON.stringify(forwarded),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    const reason =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return fail(
      res,
      502,
      `The upstream model server at ${new URL(target).host} is unreachable: ${reason}`,
    );
  }
  /** @type {Record<string, string>} */
  const headers = {
    'content-type': response.headers.get('content-type') ?? 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  };
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter !== null) headers['retry-after'] = retryAfter;
  res.writeHead(response.status, headers);
  res.flushHeaders();
  if (response.body === null) {
    res.end();
    return;
  }
  // Chunk by chunk, respecting back-pressure; an abort rejects the iteration and the finally of
  // Readable.fromWeb cancels the upstream body, which closes the upstream connection.
  for await (const chunk of Readable.fromWeb(
    /** @type {import('node:stream/web').ReadableStream} */ (response.body),
  )) {
    if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {string} message */
function fail(res, status, message) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { message, type: 'upstream_error', code: status } }));
}
