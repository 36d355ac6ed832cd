import { DetailEvent } from '../internal/detail-event.js';
export interface StreamTokenDetail {
  /** The text that arrived since the previous event (coalesced to one event per animation frame). */
  readonly text: string;
  readonly kind: 'text' | 'reasoning';
}

/** Text arrived. */
export class StreamTokenEvent extends DetailEvent<StreamTokenDetail> {
  static readonly eventName = 'stream-token';

  constructor(detail: StreamTokenDetail) {
    super(StreamTokenEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'stream-token': StreamTokenEvent;
  }
}
