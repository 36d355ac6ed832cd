import { StreamError } from '../transport.js';
import { openai } from './openai.js';
import type { Protocol } from './protocol.js';

export type { Decoder, Frame, Protocol } from './protocol.js';

/** The protocol names the `protocol` option and attribute accept. */
export type ProtocolName =
  'openai' | 'openai-responses' | 'anthropic' | 'dify' | 'ollama' | 'ai-sdk' | 'text';

/**
 * Every protocol but the default one is a lazily loaded chunk of the embed, fetched the first
 * time a stream uses it.
 */
const lazyProtocols: Record<string, () => Promise<Protocol>> = {
  'openai-responses': () => import('./openai-responses.js').then((m) => m.openaiResponses),
  anthropic: () => import('./anthropic.js').then((m) => m.anthropic),
  dify: () => import('./dify.js').then((m) => m.dify),
  ollama: () => import('./ollama.js').then((m) => m.ollama),
  'ai-sdk': () => import('./ai-sdk.js').then((m) => m.aiSdk),
  text: () => import('./text.js').then((m) => m.text),
};

/** Resolves a protocol name (or a custom {@link Protocol} object) to the protocol. */
export async function loadProtocol(protocol: ProtocolName | Protocol): Promise<Protocol> {
  if (typeof protocol === 'object') return protocol;
  if (protocol === 'openai') return openai;
  if (!Object.hasOwn(lazyProtocols, protocol)) {
    throw new StreamError('protocol', `Unknown protocol "${String(protocol)}".`);
  }
  return lazyProtocols[protocol]!();
}
