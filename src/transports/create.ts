import { StreamError, type ChatTransport } from './transport.js';

/** The transport names the `transport` attribute of `<stream-chat>` accepts. */
export type TransportName = 'sse' | 'websocket' | 'ndjson' | 'text';

export interface CreateTransportOptions {
  transport: TransportName;
  url: string;
  protocol: string;
}

/** Builds the transport that `<stream-chat>` attributes describe. */
export function createTransport(options: CreateTransportOptions): ChatTransport {
  return {
    // eslint-disable-next-line require-yield
    async *stream() {
      throw new StreamError(
        'protocol',
        `The "${options.transport}" transport is not available yet for ${options.url}.`,
      );
    },
  };
}
