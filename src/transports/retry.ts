import { backoff } from './backoff.js';
import type { RetryOptions } from './channels.js';
import { sleep } from './sleep.js';
import {
  toStreamError,
  type ChatRequest,
  type ChatTransport,
  type StreamOptions,
} from './transport.js';

/** The implementation of {@link retryTransport}, loaded with the first reply. */
export async function* retrying(
  transport: ChatTransport,
  options: RetryOptions,
  request: ChatRequest,
  init: StreamOptions,
) {
  const { attempts = 2, base = 500, cap = 10_000 } = options;
  for (let attempt = 0; ; attempt += 1) {
    let started = false;
    try {
      for await (const part of transport.stream(request, init)) {
        started = true;
        yield part;
      }
      return;
    } catch (thrown) {
      const error = toStreamError(thrown, init.signal);
      const delay = error.retryAfter ?? backoff(attempt, base, cap);
      if (started || !error.retryable || attempt >= attempts || delay > cap) throw error;
      options.onRetry?.(error, delay);
      await sleep(delay, init.signal);
    }
  }
}
