import { DetailEvent } from '../internal/detail-event.js';
export interface StreamAbortDetail {
  /** The answer text received before the stop; it stays on screen. */
  readonly partial: string;
}

/** The reply was stopped by the user or by `stop()`. */
export class StreamAbortEvent extends DetailEvent<StreamAbortDetail> {
  static readonly eventName = 'stream-abort';

  constructor(detail: StreamAbortDetail) {
    super(StreamAbortEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'stream-abort': StreamAbortEvent;
  }
}
