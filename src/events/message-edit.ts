import { DetailEvent } from '../internal/detail-event.js';
import type { ChatMessage } from '../transports/transport.js';

export interface MessageEditDetail {
  /** The id of the question being edited. */
  readonly id: string;
  /** The question as it was. */
  readonly message: ChatMessage;
  /** The edited text, about to be sent as a new version of the question. */
  readonly content: string;
}

/**
 * The reader sends an edited question: it becomes a new version of that turn and a new answer
 * streams from there. Cancel it to keep the conversation as it is (the editor stays open).
 */
export class MessageEditEvent extends DetailEvent<MessageEditDetail> {
  static readonly eventName = 'message-edit';

  constructor(detail: MessageEditDetail) {
    super(MessageEditEvent.eventName, detail, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'message-edit': MessageEditEvent;
  }
}
