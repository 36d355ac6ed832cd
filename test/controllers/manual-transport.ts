import { waitUntil } from '@open-wc/testing';
import {
  StreamError,
  type ChatRequest,
  type ChatTransport,
  type StreamPart,
} from '../../src/transports/transport.js';

/**
 * A transport the test drives by hand: `push()` parts, `fail()` or `end()`, and look at what
 * the chat asked for (`requests`) and whether it aborted (`signals`). It honours the signal
 * like a real transport unless `ignoreSignal` is set.
 */
export class ManualTransport implements ChatTransport {
  readonly requests: ChatRequest[] = [];
  readonly signals: AbortSignal[] = [];
  /** How many streams ran their cleanup (a `finally` after the last part). */
  cleanups = 0;
  ignoreSignal = false;
  #queue: (StreamPart | StreamError | null)[] = [];
  #wake: (() => void) | undefined;

  push(...parts: StreamPart[]): void {
    this.#queue.push(...parts);
    this.#wake?.();
  }

  text(...chunks: string[]): void {
    this.push(...chunks.map((text) => ({ type: 'text', text }) as const));
  }

  fail(error: StreamError): void {
    this.#queue.push(error);
    this.#wake?.();
  }

  end(reason?: string): void {
    this.#queue.push(reason === undefined ? { type: 'finish' } : { type: 'finish', reason }, null);
    this.#wake?.();
  }

  get signal(): AbortSignal | undefined {
    return this.signals.at(-1);
  }

  async *stream(request: ChatRequest, { signal }: { signal: AbortSignal }) {
    this.requests.push(request);
    this.signals.push(signal);
    try {
      for (;;) {
        while (this.#queue.length === 0) {
          await new Promise<void>((resolve, reject) => {
            this.#wake = resolve;
            if (!this.ignoreSignal) {
              if (signal.aborted) reject(new StreamError('aborted', 'The stream was stopped.'));
              signal.addEventListener(
                'abort',
                () => reject(new StreamError('aborted', 'The stream was stopped.')),
                { once: true },
              );
            }
          });
        }
        const next = this.#queue.shift()!;
        if (next === null) return;
        if (next instanceof StreamError) throw next;
        yield next;
      }
    } finally {
      this.cleanups += 1;
    }
  }
}

/** Resolves after `count` animation frames. */
export async function frames(count = 1): Promise<void> {
  for (let i = 0; i < count; i += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/**
 * `waitUntil` with a generous default timeout: these tests share two cores with other suites,
 * and lazily loaded chunks or a busy machine can take over a second.
 */
export function until(
  predicate: () => unknown,
  message?: string,
  options: { timeout?: number; interval?: number } = {},
): Promise<void> {
  return waitUntil(predicate, message, { timeout: 5000, ...options });
}
