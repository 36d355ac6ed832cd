/** How the stream is framed, which decides what a keep-alive may look like in it. */
export type Framing = 'sse' | 'ndjson';

const encoder = new TextEncoder();
const SSE_COMMENT_EVENT = encoder.encode(': keep-alive\n\n');
const SSE_COMMENT_LINE = encoder.encode(': keep-alive\n');
const BLANK_LINE = encoder.encode('\n');

/**
 * Passes `source` through chunk by chunk, untouched, and writes a keep-alive into every
 * `interval` ms of silence, so proxies and load balancers keep the connection while a model
 * thinks. A keep-alive is only written where it cannot change the meaning of the stream: an
 * SSE comment (`: keep-alive`) after a line feed, with the blank line that ends it only
 * between events; an empty line between NDJSON lines. Cancelling the result cancels `source`;
 * a failing `source` fails the result, so the client sees the connection break.
 */
export function withKeepAlive(
  source: ReadableStream<Uint8Array>,
  framing: Framing,
  interval: number,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const tail = new LineTail();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let arm = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (interval <= 0) return;
        arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            const comment = tail.keepAlive(framing);
            if (comment) {
              controller.enqueue(comment);
              tail.note(comment);
            }
            arm();
          }, interval);
        };
        arm();
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            clearTimeout(timer);
            controller.close();
            return;
          }
          tail.note(value);
          arm();
          controller.enqueue(value);
        } catch (error) {
          clearTimeout(timer);
          controller.error(error);
        }
      },
      async cancel(reason) {
        clearTimeout(timer);
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The last few bytes written: enough to tell whether a line, or an SSE event, just ended. */
class LineTail {
  private bytes: number[] = [10, 10];

  note(chunk: Uint8Array): void {
    for (const byte of chunk.subarray(Math.max(0, chunk.byteLength - 4))) this.bytes.push(byte);
    if (this.bytes.length > 4) this.bytes.splice(0, this.bytes.length - 4);
  }

  keepAlive(framing: Framing): Uint8Array | undefined {
    const text = String.fromCharCode(...this.bytes);
    // After a lone CR the next byte may be the LF of a CRLF: wait for it.
    if (!text.endsWith('\n')) return undefined;
    if (framing === 'ndjson') return BLANK_LINE;
    const rest = text.endsWith('\r\n') ? text.slice(0, -2) : text.slice(0, -1);
    return /[\r\n]$/.test(rest) ? SSE_COMMENT_EVENT : SSE_COMMENT_LINE;
  }
}
