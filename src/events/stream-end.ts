import { DetailEvent } from '../internal/detail-event.js';
import type { ChatMessage, Usage } from '../transports/transport.js';

export interface StreamEndDetail {
  readonly message: ChatMessage;
  readonly reason?: string;
  /** Token counts of the reply, when the protocol reports them. */
  readonly usage?: Usage;
}

/** The reply finished normally. */
export class StreamEndEvent extends DetailEvent<StreamEndDetail> {
  static readonly eventName = 'stream-end';

  constructor(detail: StreamEndDetail) {
    super(StreamEndEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'stream-end': StreamEndEvent;
  }
}
