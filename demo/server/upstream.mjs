// Upstream mode: the demo's /v1/chat/completions forwards to a real model through
// stream-chat-elements/server (createChatHandler + toNodeHandler): an OpenAI-compatible server
// (UPSTREAM_URL: OpenAI, Ollama's /v1, vLLM, LiteLLM, OpenRouter) or a WebSocket inference
// backend (UPSTREAM_WS), re-encoded as OpenAI SSE. The key is added on the server and never
// reaches the browser; when the browser stops, the upstream request (or socket) is closed.
// With nothing configured, a local Ollama is offered beside the mock model if one answers.
import { WebSocket } from 'ws';
import { loadServerEntry } from './server-entry.mjs';

/**
 * @typedef {object} Upstream
 * @property {string} [url] - base URL such as `https://api.openai.com/v1` (or the full
 *   `…/chat/completions` URL)
 * @property {string} [ws] - a WebSocket backend (`ws://…`) instead of `url`
 * @property {string} [apiKey] - `Authorization: Bearer …` (for `ws`, on the handshake)
 * @property {string} [model] - replaces the model the page asked for
 *
 * @typedef {import('../../src/server/index.js').NodeHandler} NodeHandler
 */

/**
 * The upstream configuration from UPSTREAM_URL or UPSTREAM_WS, UPSTREAM_API_KEY and
 * UPSTREAM_MODEL.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Upstream | undefined}
 */
export function upstreamFromEnv(env) {
  const url = env.UPSTREAM_URL?.trim();
  const ws = env.UPSTREAM_WS?.trim();
  if (!url && !ws) return undefined;
  new URL(/** @type {string} */ (url || ws)); // Fails at start-up, with the bad value in the message.
  const apiKey = env.UPSTREAM_API_KEY?.trim();
  const model = env.UPSTREAM_MODEL?.trim();
  return {
    ...(url ? { url } : { ws }),
    ...(apiKey ? { apiKey } : {}),
    ...(model ? { model } : {}),
  };
}

/** Where an upstream lives, for the console and the demo page (never the key). */
export function describeUpstream(/** @type {Upstream} */ upstream) {
  return upstream.url
    ? `${new URL(upstream.url).href.replace(/\/+$/, '')} (OpenAI-compatible)`
    : `${upstream.ws} (WebSocket, re-encoded as OpenAI SSE)`;
}

/**
 * The Node handler that forwards one chat request to `upstream`.
 * @param {Upstream} upstream
 * @returns {Promise<NodeHandler>}
 */
export async function createUpstreamProxy(upstream) {
  const { createChatHandler, toNodeHandler } = await loadServerEntry();
  const model = upstream.model ? { model: upstream.model } : {};
  const handler = createChatHandler({
    // Without UPSTREAM_MODEL the request carries no model: the upstream's default answers.
    upstream: upstream.url
      ? { url: upstream.url, ...(upstream.apiKey ? { apiKey: upstream.apiKey } : {}), ...model }
      : {
          ws: /** @type {string} */ (upstream.ws),
          WebSocket: /** @type {any} */ (WebSocket),
          ...model,
          ...(upstream.apiKey
            ? { options: { headers: { authorization: `Bearer ${upstream.apiKey}` } } }
            : {}),
        },
    onError: (error) =>
      console.warn(`[upstream] ${error instanceof Error ? error.message : error}`),
  });
  return toNodeHandler(handler);
}

/**
 * Proxies Ollama's native /api/chat (NDJSON) through the server entry.
 * @param {string} url - Ollama's base URL
 * @returns {Promise<NodeHandler>}
 */
export async function createOllamaProxy(url) {
  const { createChatHandler, toNodeHandler } = await loadServerEntry();
  const models = await ollamaModels(url);
  return toNodeHandler(
    createChatHandler({
      upstream: { type: 'ollama', url, ...(models[0] ? { model: models[0] } : {}) },
      models,
    }),
  );
}

export const OLLAMA_URL = 'http://localhost:11434';

/**
 * Asks once, with a short timeout, whether an Ollama server answers at `url`.
 * @param {string} [url]
 * @param {number} [timeout]
 * @returns {Promise<string[] | undefined>} its models, or undefined when nothing answers
 */
export async function probeOllama(url = OLLAMA_URL, timeout = 400) {
  try {
    return await ollamaModels(url, AbortSignal.timeout(timeout));
  } catch {
    return undefined;
  }
}

/** @param {string} url @param {AbortSignal} [signal] @returns {Promise<string[]>} */
async function ollamaModels(url, signal) {
  const response = await fetch(new URL('/api/tags', url), signal ? { signal } : {});
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = /** @type {{ models?: { name?: string }[] }} */ (await response.json());
  return (body.models ?? []).flatMap((model) => (model.name ? [model.name] : []));
}
