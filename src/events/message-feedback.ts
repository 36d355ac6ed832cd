import { DetailEvent } from '../internal/detail-event.js';
import type { ChatMessage } from '../transports/transport.js';

export interface MessageFeedbackDetail {
  /** The id of the rated answer. */
  readonly id: string;
  /** The rating now on the answer; `null` when the reader took it back. */
  readonly value: 'up' | 'down' | null;
  /** The rated answer (its `feedback` is already updated). */
  readonly message: ChatMessage;
}

/** The reader rated an answer Good or Bad, or took the rating back. The chat sends it nowhere. */
export class MessageFeedbackEvent extends DetailEvent<MessageFeedbackDetail> {
  static readonly eventName = 'message-feedback';

  constructor(detail: MessageFeedbackDetail) {
    super(MessageFeedbackEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'message-feedback': MessageFeedbackEvent;
  }
}
