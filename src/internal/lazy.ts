import { StreamError } from '../transports/transport.js';

/**
 * A module (or anything else) loaded with `import()` once, the first time it is needed. A
 * failed load is forgotten, so the next call fetches again: a CDN that answered 500 once, or a
 * connection that dropped while a chunk loaded, does not break the page until a reload. The
 * failure is a `network` {@link StreamError} whose message names what could not be loaded.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw chunkError(error);
    }));
}

/** A failed `import()` as a `network` error; the browser's message names the file. */
export function chunkError(error: unknown): StreamError {
  if (error instanceof StreamError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StreamError('network', `Could not load a part of stream-chat-elements: ${detail}`, {
    cause: error,
  });
}
