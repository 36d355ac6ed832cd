import { DetailEvent } from '../internal/detail-event.js';
import type { ChatMessage } from '../transports/transport.js';

export interface MessageVersionDetail {
  /** The id of the first message of the version shown now. */
  readonly id: string;
  /** That message. */
  readonly message: ChatMessage;
  /** The version shown now (0-based). */
  readonly from: number;
  /** The version about to be shown (0-based). */
  readonly to: number;
  /** How many versions the turn has. */
  readonly count: number;
}

/**
 * The reader switches a turn to another of its versions: that version and the conversation
 * that followed it are shown, and the next request sends them. Cancel it to stay.
 */
export class MessageVersionEvent extends DetailEvent<MessageVersionDetail> {
  static readonly eventName = 'message-version';

  constructor(detail: MessageVersionDetail) {
    super(MessageVersionEvent.eventName, detail, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'message-version': MessageVersionEvent;
  }
}
