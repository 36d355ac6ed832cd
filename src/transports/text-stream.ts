import { fetchFrames } from './fetch-frames.js';
import type { HttpTransportOptions } from './http.js';
import { loadProtocol } from './protocols/index.js';
import { text } from './protocols/text.js';
import type { ChatTransport } from './transport.js';

/**
 * The response body is the answer text itself, streamed over `fetch` (POST by default); the
 * answer ends with the body. `protocol` only chooses the request body (default `text`:
 * `{ model, messages }`).
 */
export const textStreamChannel = (options: HttpTransportOptions): ChatTransport => ({
  async *stream(request, stream) {
    const protocol = await loadProtocol(options.protocol ?? text);
    yield* fetchFrames(
      options,
      request,
      stream,
      'text/plain, */*',
      protocol,
      (chunk) => (chunk ? [{ data: chunk }] : []),
      text.decoder(),
    );
  },
});
