import { DetailEvent } from '../internal/detail-event.js';
import type { StreamErrorCode } from '../transports/transport.js';

export interface StreamErrorDetail {
  readonly error: { code: StreamErrorCode; message: string; status?: number; retryable: boolean };
  /** The answer text received before the failure; it stays on screen. */
  readonly partial: string;
}

/** The reply failed. */
export class StreamErrorEvent extends DetailEvent<StreamErrorDetail> {
  static readonly eventName = 'stream-error';

  constructor(detail: StreamErrorDetail) {
    super(StreamErrorEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'stream-error': StreamErrorEvent;
  }
}
