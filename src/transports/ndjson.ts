import { fetchFrames } from './fetch-frames.js';
import type { HttpTransportOptions } from './http.js';
import { loadProtocol, type Frame } from './protocols/index.js';
import type { ChatTransport } from './transport.js';

/**
 * Newline-delimited JSON framing: feed decoded text, get the complete lines; `undefined` flushes
 * a last line that has no newline. CR, LF and CRLF all end a line (JSON text cannot hold a raw
 * CR or LF) and blank lines are skipped.
 */
export function ndjsonFramer(): (text?: string) => Frame[] {
  let rest = '';
  return (text) => {
    // Only text with a line break is split, so a huge line arriving in small pieces stays linear.
    if (text !== undefined && !/[\r\n]/.test(text)) {
      rest += text;
      return [];
    }
    const lines = (rest + (text ?? '\n')).split(/[\r\n]/);
    rest = lines.pop() ?? '';
    return lines.filter((line) => line.trim()).map((data) => ({ data }));
  };
}

/** Newline-delimited JSON over `fetch` (POST by default); the protocol defaults to `ollama`. */
export const ndjsonChannel = (options: HttpTransportOptions): ChatTransport => ({
  async *stream(request, stream) {
    const protocol = await loadProtocol(options.protocol ?? 'ollama');
    yield* fetchFrames(
      options,
      request,
      stream,
      'application/x-ndjson, application/json',
      protocol,
      ndjsonFramer(),
    );
  },
});
