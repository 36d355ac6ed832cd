import { DetailEvent } from '../internal/detail-event.js';
import type { ChatMessage } from '../transports/transport.js';

export interface StreamEndDetail {
  readonly message: ChatMessage;
  readonly reason?: string;
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
