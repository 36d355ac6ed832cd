// React 19 renders custom elements natively: this file only teaches TypeScript the tags, their
// properties and their `onstream-*` event props. Put it next to your components.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  MessageEditEvent,
  MessageFeedbackEvent,
  MessageRegenerateEvent,
  MessageVersionEvent,
  StopButton,
  StreamAbortEvent,
  StreamChat,
  StreamEndEvent,
  StreamErrorEvent,
  StreamOpenEvent,
  StreamStopRequestEvent,
  StreamTokenEvent,
  TokenView,
} from 'stream-chat-elements';

type ElementProps<Element extends HTMLElement, Events> = DetailedHTMLProps<
  HTMLAttributes<Element>,
  Element
> &
  Partial<Omit<Element, keyof HTMLElement>> &
  Events;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'stream-chat': ElementProps<
        StreamChat,
        {
          'onstream-open'?: (event: StreamOpenEvent) => void;
          'onstream-token'?: (event: StreamTokenEvent) => void;
          'onstream-end'?: (event: StreamEndEvent) => void;
          'onstream-error'?: (event: StreamErrorEvent) => void;
          'onstream-abort'?: (event: StreamAbortEvent) => void;
          'onmessage-feedback'?: (event: MessageFeedbackEvent) => void;
          'onmessage-edit'?: (event: MessageEditEvent) => void;
          'onmessage-regenerate'?: (event: MessageRegenerateEvent) => void;
          'onmessage-version'?: (event: MessageVersionEvent) => void;
        }
      >;
      'token-view': ElementProps<TokenView, object>;
      'stop-button': ElementProps<
        StopButton,
        { for?: string; 'onstream-stop-request'?: (event: StreamStopRequestEvent) => void }
      >;
    }
  }
}
