import { DetailEvent } from '../internal/detail-event.js';
import type { ChatMessage } from '../transports/transport.js';

export interface MessageRegenerateDetail {
  /** The id of the answer to replace. */
  readonly id: string;
  /** The answer to replace; it is kept as an earlier version. */
  readonly message: ChatMessage;
}

/** A new answer to the same question is about to stream. Cancel it to keep the answer. */
export class MessageRegenerateEvent extends DetailEvent<MessageRegenerateDetail> {
  static readonly eventName = 'message-regenerate';

  constructor(detail: MessageRegenerateDetail) {
    super(MessageRegenerateEvent.eventName, detail, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'message-regenerate': MessageRegenerateEvent;
  }
}
