import type { TokenViewStrings } from '../token-view/token-view.strings.js';
import { defaultToolStrings, type ToolStrings } from './tool-cards.strings.js';
import {
  defaultMessageActionsStrings,
  type MessageActionsStrings,
} from './message-actions.strings.js';

/**
 * Every string `<stream-chat>` shows or announces; replace any of them with `strings`. It
 * includes the strings of its answers' `<token-view>`s (code copy button, image placeholder).
 */
export interface StreamChatStrings extends TokenViewStrings, ToolStrings, MessageActionsStrings {
  /** Accessible name of the message list. */
  log: string;
  /** Accessible name of the text area. */
  input: string;
  /** Placeholder of the text area (the `placeholder` attribute wins when set). */
  placeholder: string;
  /** The send button. */
  send: string;
  /** The stop button shown while a reply streams. */
  stop: string;
  /** The button of the error row that asks again. */
  retry: string;
  /** The button that scrolls back to the newest message. */
  jump: string;
  /** The button that renders older messages of a long history. */
  earlier: string;
  /** Shown while the conversation is empty (unless the `empty` slot is filled). */
  empty: string;
  /** Read by screen readers before each message of the user. */
  user: string;
  /** Read by screen readers before each answer. */
  assistant: string;
  /** Accessible name of the indicator shown before the first token arrives. */
  typing: string;
  /** Summary of the reasoning section while the model is thinking. */
  thinking: string;
  /** Summary of the reasoning section once the thinking is over. */
  reasoning: string;
  /** The mark on an answer that was stopped. */
  stopped: string;
}

/** The chat's own strings; those of `<token-view>` default in the answers themselves. */
export type ChatOwnStrings = Omit<StreamChatStrings, keyof TokenViewStrings>;

export const defaultStrings: ChatOwnStrings = {
  ...defaultToolStrings,
  log: 'Conversation',
  input: 'Message',
  placeholder: 'Send a message',
  send: 'Send',
  stop: 'Stop generating',
  retry: 'Retry',
  jump: 'Jump to latest',
  earlier: 'Show earlier messages',
  empty: 'How can I help?',
  user: 'You:',
  assistant: 'Assistant:',
  typing: 'Generating an answer',
  thinking: 'Thinking…',
  reasoning: 'Reasoning',
  stopped: 'Stopped',
  ...defaultMessageActionsStrings,
};
