import { StreamError, type ChatRequest, type StreamPart } from '../transport.js';

/**
 * One frame as a channel delivers it: an SSE event (`event`, `data`, `id`), one NDJSON line or
 * one WebSocket message (`data` only), or one chunk of a plain text body.
 */
export interface Frame {
  event?: string | undefined;
  data: string;
  id?: string | undefined;
}

/**
 * Decodes the frames of one answer, in order. Called with `undefined` when the stream ends
 * cleanly: it then returns the `finish` part if what arrived is a complete answer, or nothing
 * (the channel reports the answer as cut off). A `finish` part ends the answer: the channel
 * stops reading. Provider errors are thrown as `StreamError('provider', message)`.
 */
export type Decoder = (frame?: Frame) => StreamPart[];

/** A wire dialect: how to ask (the request body) and how to read the answer. */
export interface Protocol {
  body(request: ChatRequest): unknown;
  /** A fresh decoder per answer, so a decoder may keep state (e.g. a finish reason seen before the end marker). */
  decoder(): Decoder;
}

/** Parses a JSON frame; blank frames (keep-alives) give `undefined`. */
export function parseJson<T>(data: string): T | undefined {
  if (!data.trim()) return undefined;
  try {
    return JSON.parse(data) as T;
  } catch (cause) {
    throw new StreamError('protocol', `Malformed JSON frame: ${data.slice(0, 80)}`, { cause });
  }
}

/**
 * The error a model server reported inside the stream: a string, or an object with `message`
 * (and `code`), possibly nested one level as `error` (`{ error: { code, message } }`). Without a
 * message the code names the error.
 */
export function providerError(error: unknown): StreamError {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const field = (value: unknown, key: string): unknown =>
    value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)[key]
      : undefined;
  const nested = field(error, 'error');
  const message =
    text(error) ?? text(field(error, 'message')) ?? text(nested) ?? text(field(nested, 'message'));
  const code = text(field(error, 'code')) ?? text(field(nested, 'code'));
  return new StreamError(
    'provider',
    message ??
      (code
        ? `The model server reported an error: ${code}.`
        : 'The model server reported an error.'),
  );
}

/** The parts for a reasoning and a text delta, leaving out empty ones. */
export function deltas(text: unknown, reasoning?: unknown): StreamPart[] {
  const parts: StreamPart[] = [];
  if (typeof reasoning === 'string' && reasoning)
    parts.push({ type: 'reasoning', text: reasoning });
  if (typeof text === 'string' && text) parts.push({ type: 'text', text });
  return parts;
}

/** A finish part; `reason` only when the server named one. */
export const finish = (reason?: unknown): StreamPart =>
  typeof reason === 'string' ? { type: 'finish', reason } : { type: 'finish' };
