import { expect } from '@open-wc/testing';
/** Client side of the transport test routes (test/server/routes/transports.mjs). */
import type {
  ChatRequest,
  ChatTransport,
  StreamError,
  StreamPart,
} from '../../src/transports/index.js';
import { seeded } from '../helpers/random.js';

export interface HttpReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  splits?: number[] | 'bytes';
  delay?: number;
  after?: 'end' | 'destroy' | 'hang';
  noHeaders?: boolean;
}

export interface Script {
  replies?: HttpReply[];
  frames?: string[];
  frameDelay?: number;
  close?: { code?: number; reason?: string };
  ping?: string;
  pong?: string;
  stop?: string;
  failFirst?: number;
  afterPings?: number;
}

export interface LoggedRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | undefined>;
  body: string;
}

export const request: ChatRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
  ],
  model: 'test-model',
};

/** Stores a script on the server; gives its id. */
export async function script(value: Script): Promise<string> {
  const response = await fetch('/mock/t/script', { method: 'POST', body: JSON.stringify(value) });
  return ((await response.json()) as { id: string }).id;
}

/** The requests the server received for a script id (method, headers, body). */
export async function logged(id: string): Promise<LoggedRequest[]> {
  return (await (await fetch(`/mock/t/log?id=${id}`)).json()) as LoggedRequest[];
}

/** The URL replaying script `id`, tagged with a probe when given. */
export const playUrl = (id: string, probe?: string) =>
  `/mock/t/play?id=${id}${probe ? `&probe=${probe}` : ''}`;

export interface Outcome {
  parts: StreamPart[];
  text: string;
  reasoning: string;
  finish?: string | undefined;
  finished: boolean;
  error?: StreamError;
}

/** Runs one reply to the end and gathers what came out: parts, text, finish or error. */
export async function collect(
  transport: ChatTransport,
  signal = new AbortController().signal,
  chat: ChatRequest = request,
  onPart?: (part: StreamPart) => void,
): Promise<Outcome> {
  const outcome: Outcome = { parts: [], text: '', reasoning: '', finished: false };
  try {
    for await (const part of transport.stream(chat, { signal })) {
      outcome.parts.push(part);
      if (part.type === 'text') outcome.text += part.text;
      if (part.type === 'reasoning') outcome.reasoning += part.text;
      if (part.type === 'finish') {
        outcome.finished = true;
        outcome.finish = part.reason;
      }
      onPart?.(part);
    }
  } catch (error) {
    outcome.error = error as StreamError;
  }
  return outcome;
}

/** Opens a reply and gives its iterator, to step through it part by part. */
export function open(transport: ChatTransport, signal: AbortSignal, chat: ChatRequest = request) {
  return transport.stream(chat, { signal })[Symbol.asyncIterator]();
}

/** Sorted random cut points in `[1, length)`, reproducible from the seed. */
export function randomSplits(
  length: number,
  seed: number,
  count = Math.ceil(length / 8),
): number[] {
  const random = seeded(seed);
  const cuts = new Set<number>();
  for (let i = 0; i < count && length > 1; i += 1)
    cuts.add(1 + Math.floor(random() * (length - 1)));
  return [...cuts].sort((a, b) => a - b);
}

/** Cuts bytes at the given offsets. */
export function cutBytes(bytes: Uint8Array, splits: number[] | 'bytes'): Uint8Array[] {
  const ends = splits === 'bytes' ? Array.from(bytes, (_, i) => i + 1) : [...splits, bytes.length];
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const end of ends) {
    if (end > start) chunks.push(bytes.subarray(start, end));
    start = Math.max(start, end);
  }
  return chunks;
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** A body sent as exactly these chunks (with `delay` between them, if given). */
export function chunked(...chunks: string[]): Pick<HttpReply, 'body' | 'splits'> {
  const splits: number[] = [];
  let offset = 0;
  for (const chunk of chunks.slice(0, -1)) splits.push((offset += utf8(chunk).length));
  return { body: chunks.join(''), splits };
}

/**
 * Waits, without timers of its own (so timer counts stay exact), until `check` holds; each
 * round trips to the server, and the rounds are bounded.
 */
export async function until(check: () => Promise<boolean>, what: string, rounds = 500) {
  for (let round = 0; round < rounds; round += 1) if (await check()) return;
  throw new Error(`Gave up waiting: ${what}`);
}

/**
 * Counts the timers the code under test leaves running: wraps the global timer functions until
 * `restore()`. A timeout that fired or was cleared, or an interval that was cleared, is gone;
 * `report` names where each live one was set.
 */
export function timerCounter() {
  const live = new Map<unknown, string>();
  const saved = { setTimeout, clearTimeout, setInterval, clearInterval };
  const original = {
    setTimeout: window.setTimeout.bind(window),
    clearTimeout: window.clearTimeout.bind(window),
    setInterval: window.setInterval.bind(window),
    clearInterval: window.clearInterval.bind(window),
  };
  const wrap = window as unknown as Record<string, unknown>;
  wrap.setTimeout = (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id = original.setTimeout(
      (...rest: unknown[]) => {
        live.delete(id);
        handler(...rest);
      },
      ms,
      ...args,
    );
    live.set(id, new Error().stack ?? '');
    return id;
  };
  wrap.setInterval = (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id = original.setInterval(handler, ms, ...args);
    live.set(id, new Error().stack ?? '');
    return id;
  };
  wrap.clearTimeout = wrap.clearInterval = (id: number | undefined) => {
    live.delete(id);
    original.clearTimeout(id);
  };
  return {
    get live() {
      return live.size;
    },
    get report() {
      return [...live.values()].join('\n');
    },
    /** A timer of the test itself, not counted: resolves with `value` after `ms`. */
    after<T>(ms: number, value?: T) {
      return new Promise<T | undefined>((resolve) => original.setTimeout(resolve, ms, value));
    },
    restore() {
      Object.assign(window, saved);
    },
  };
}

/**
 * Aborts while `iterator` waits for its next part, and checks that the stop takes effect within
 * one turn of the event loop and leaves no timer behind (`timers` counts from before the stream).
 */
export async function expectStopWithinOneTurn(
  iterator: AsyncIterator<StreamPart>,
  controller: AbortController,
  timers: ReturnType<typeof timerCounter>,
): Promise<void> {
  const next = iterator.next().then(
    () => 'value',
    (error: { code: string }) => error.code,
  );
  controller.abort();
  expect(await Promise.race([next, timers.after(0, 'macrotask')])).to.equal('aborted');
  timers.restore();
  expect(timers.live, timers.report).to.equal(0);
}
