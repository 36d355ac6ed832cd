import { DetailEvent } from '../internal/detail-event.js';
import type { ChatRequest } from '../transports/transport.js';

export interface StreamOpenDetail {
  readonly request: ChatRequest;
}

/** The connection for a reply is open. */
export class StreamOpenEvent extends DetailEvent<StreamOpenDetail> {
  static readonly eventName = 'stream-open';

  constructor(detail: StreamOpenDetail) {
    super(StreamOpenEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'stream-open': StreamOpenEvent;
  }
}
