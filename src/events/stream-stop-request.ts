import { DetailEvent } from '../internal/detail-event.js';
export interface StreamStopRequestDetail {
  /** The chat the request is for, when known. */
  readonly target: HTMLElement | null;
}

/** A `<stop-button>` asks to stop a reply. Cancel it to keep the reply running. */
export class StreamStopRequestEvent extends DetailEvent<StreamStopRequestDetail> {
  static readonly eventName = 'stream-stop-request';

  constructor(detail: StreamStopRequestDetail) {
    super(StreamStopRequestEvent.eventName, detail, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'stream-stop-request': StreamStopRequestEvent;
  }
}
