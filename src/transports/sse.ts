import { createParser } from 'eventsource-parser';
import { dropped, fetchText, framesOf, SSE, type HttpTransportOptions } from './http.js';
import { loadProtocol, type Frame } from './protocols/index.js';
import { sleep } from './sleep.js';
import { StreamError, toStreamError, type ChatTransport } from './transport.js';

export interface SseTransportOptions extends HttpTransportOptions {
  /**
   * How many times to reconnect with `Last-Event-ID` after the connection drops mid-answer
   * (default 3). Only servers that gave event ids are reconnected to; a resumed connection
   * that brings new events restores the full count.
   */
  resumeAttempts?: number;
}

/**
 * The event-stream framing: feed decoded text, get the events it completed; `undefined` marks
 * the end of the stream. An event still open at the end is never returned, as the WHATWG rules
 * require; a CR ending the stream still ends its line (the parser alone would wait for an LF).
 */
export function sseFramer(onRetry: (ms: number) => void): (text?: string) => Frame[] {
  let frames: Frame[] = [];
  let last = '';
  const parser = createParser({ onEvent: (event) => frames.push(event), onRetry });
  return (text) => {
    if (text === undefined) {
      if (last === '\r') parser.feed('\n');
    } else if (text) {
      parser.feed(text);
      last = text.at(-1)!;
    }
    const ready = frames;
    frames = [];
    return ready;
  };
}

/**
 * Server-sent events over `fetch` (POST by default), framed by eventsource-parser.
 *
 * The event-stream rules hold at the end of the stream too: an event not terminated by a blank
 * line is discarded. When the connection drops before the protocol's end and the server gave
 * event ids, the stream reconnects after the `retry:` delay (1 s by default) with
 * `Last-Event-ID` and carries on; a server that cannot resume (an error status, or replaying
 * ids already seen) ends the stream with a `network` error, the text so far kept.
 */
export function sseTransport(options: SseTransportOptions): ChatTransport {
  return {
    async *stream(request, streamOptions) {
      const { signal } = streamOptions;
      const protocol = await loadProtocol(options.protocol ?? 'openai');
      const decode = protocol.decoder();
      const seen = new Set<string>();
      const cannotResume = (why: string, status?: number) => {
        lastId = '';
        return new StreamError(
          'network',
          `The connection dropped and the server could not resume (${why}).`,
          { status },
        );
      };
      let lastId = '';
      let retry = 1000;
      let attempts = 0;
      let answered = false;
      for (;;) {
        const resuming = lastId !== '';
        let checkId = resuming;
        const framer = sseFramer((ms) => (retry = ms));
        try {
          const texts = fetchText(
            options,
            request,
            protocol,
            streamOptions,
            SSE,
            resuming ? { 'last-event-id': lastId } : undefined,
          );
          for await (const frame of framesOf(texts, framer)) {
            if (frame.id !== undefined) {
              // The first id after a reconnection tells whether the server resumed or started
              // over. (Within one connection ids may repeat: some servers send a message id.)
              if (checkId && seen.has(frame.id))
                throw cannotResume(`it sent event ${frame.id} again`);
              checkId = false;
              seen.add(frame.id);
              lastId = frame.id;
              attempts = 0;
            }
            for (const part of decode(frame)) {
              answered = true;
              yield part;
              if (part.type === 'finish') return;
            }
          }
          const parts = decode();
          yield* parts;
          if (parts.some((part) => part.type === 'finish')) return;
          throw dropped();
        } catch (thrown) {
          let error = toStreamError(thrown, signal);
          if (resuming && error.code === 'http') throw cannotResume(error.message, error.status);
          if (error.code !== 'network') throw error;
          // A read that fails after the answer began is a drop, not the browser's terse "network error".
          if (answered && error.cause instanceof TypeError) error = dropped(error);
          if (!lastId || attempts >= (options.resumeAttempts ?? 3)) throw error;
        }
        attempts += 1;
        await sleep(retry, signal);
      }
    },
  };
}
