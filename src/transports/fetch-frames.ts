import { dropped, fetchText, framesOf, type HttpTransportOptions } from './http.js';
import type { Decoder, Frame, Protocol } from './protocols/index.js';
import {
  toStreamError,
  type ChatRequest,
  type StreamOptions,
  type StreamPart,
} from './transport.js';

/**
 * The loop of the line- and chunk-framed channels: fetch, frame the text (`framer()` flushes
 * what is left at the end), decode, stop at `finish`. A stream that ends without the protocol's
 * end is reported as cut off.
 */
export async function* fetchFrames(
  options: HttpTransportOptions,
  request: ChatRequest,
  stream: StreamOptions,
  accept: string,
  protocol: Protocol,
  framer: (text?: string) => Frame[],
  decode: Decoder = protocol.decoder(),
): AsyncGenerator<StreamPart, void, undefined> {
  let answered = false;
  try {
    for await (const frame of framesOf(
      fetchText(options, request, protocol, stream, accept),
      framer,
    )) {
      for (const part of decode(frame)) {
        answered = true;
        yield part;
        if (part.type === 'finish') return;
      }
    }
  } catch (thrown) {
    const error = toStreamError(thrown, stream.signal);
    throw answered && error.cause instanceof TypeError ? dropped(error) : error;
  }
  const parts = decode();
  yield* parts;
  if (!parts.some((part) => part.type === 'finish')) throw dropped();
}
