import { ndjsonTransport, textStreamTransport, webSocketTransport } from './channels.js';
import type { HttpTransportOptions } from './http.js';
import type { ProtocolName } from './protocols/index.js';
import { sseTransport } from './sse.js';
import { StreamError, type ChatTransport } from './transport.js';

/** The transport names the `transport` attribute of `<stream-chat>` accepts. */
export type TransportName = 'sse' | 'websocket' | 'ndjson' | 'text';

export interface CreateTransportOptions extends Omit<HttpTransportOptions, 'protocol'> {
  transport: TransportName;
  url: string;
  /** A protocol name; unknown names fail the stream with a `protocol` error. */
  protocol: ProtocolName | (string & {});
}

const factories: Record<string, (options: HttpTransportOptions) => ChatTransport> = {
  sse: sseTransport,
  websocket: webSocketTransport,
  ndjson: ndjsonTransport,
  text: textStreamTransport,
};

/** Builds the transport that `<stream-chat>` attributes describe. */
export function createTransport({ transport, ...options }: CreateTransportOptions): ChatTransport {
  if (Object.hasOwn(factories, transport))
    return factories[transport]!(options as HttpTransportOptions);
  return {
    // eslint-disable-next-line require-yield
    async *stream() {
      throw new StreamError('protocol', `Unknown transport "${String(transport)}".`);
    },
  };
}
