/**
 * `stream-chat-elements/react`: React components for the kit's elements, made with `@lit/react`.
 *
 * React 19 handles custom elements natively; these wrappers are for React 18 (which sets every
 * prop as a string attribute and cannot listen to custom events) and for React 19 apps that
 * want typed `onStream…` props. Props that are element properties (`messages`, `transport`,
 * `text`, …) are set as properties; the `onStream…` props listen to the `stream-*` events.
 *
 * Importing this module registers the elements, like `stream-chat-elements/define`. It is safe to
 * import during server rendering: Lit and `@lit/react` load their Node builds there.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import './define.js';
import { StopButton as StopButtonElement } from './components/stop-button/stop-button.js';
import { StreamChat as StreamChatElement } from './components/stream-chat/stream-chat.js';
import { TokenView as TokenViewElement } from './components/token-view/token-view.js';
import { MessageEditEvent } from './events/message-edit.js';
import { MessageFeedbackEvent } from './events/message-feedback.js';
import { MessageRegenerateEvent } from './events/message-regenerate.js';
import { MessageVersionEvent } from './events/message-version.js';
import { StreamAbortEvent } from './events/stream-abort.js';
import { StreamEndEvent } from './events/stream-end.js';
import { StreamErrorEvent } from './events/stream-error.js';
import { StreamOpenEvent } from './events/stream-open.js';
import { StreamStopRequestEvent } from './events/stream-stop-request.js';
import { StreamTokenEvent } from './events/stream-token.js';
import { StreamToolCallEvent } from './events/stream-tool-call.js';

/**
 * `<stream-chat>` as a React component, with typed `onStreamOpen` … `onStreamAbort` props and
 * `onMessageFeedback`, `onMessageEdit`, `onMessageRegenerate`, `onMessageVersion`.
 */
export const StreamChat = createComponent({
  react: React,
  tagName: 'stream-chat',
  elementClass: StreamChatElement,
  displayName: 'StreamChat',
  events: {
    onStreamOpen: StreamOpenEvent.eventName as EventName<StreamOpenEvent>,
    onStreamToken: StreamTokenEvent.eventName as EventName<StreamTokenEvent>,
    onStreamEnd: StreamEndEvent.eventName as EventName<StreamEndEvent>,
    onStreamError: StreamErrorEvent.eventName as EventName<StreamErrorEvent>,
    onStreamAbort: StreamAbortEvent.eventName as EventName<StreamAbortEvent>,
    onStreamToolCall: StreamToolCallEvent.eventName as EventName<StreamToolCallEvent>,
    onMessageFeedback: MessageFeedbackEvent.eventName as EventName<MessageFeedbackEvent>,
    onMessageEdit: MessageEditEvent.eventName as EventName<MessageEditEvent>,
    onMessageRegenerate: MessageRegenerateEvent.eventName as EventName<MessageRegenerateEvent>,
    onMessageVersion: MessageVersionEvent.eventName as EventName<MessageVersionEvent>,
  },
});

/** `<token-view>` as a React component; call `write()`/`end()` through a ref. */
export const TokenView = createComponent({
  react: React,
  tagName: 'token-view',
  elementClass: TokenViewElement,
  displayName: 'TokenView',
});

/** `<stop-button>` as a React component, with a typed `onStreamStopRequest` prop. */
export const StopButton = createComponent({
  react: React,
  tagName: 'stop-button',
  elementClass: StopButtonElement,
  displayName: 'StopButton',
  events: {
    onStreamStopRequest: StreamStopRequestEvent.eventName as EventName<StreamStopRequestEvent>,
  },
});
