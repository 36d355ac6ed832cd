// Types the kit's tags in Vue templates (checked by vue-tsc and Volar). Put it in your `src/`.
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
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

/** A custom element as Vue sees it: `$props` for template props, `$emit` for `@event` types. */
type DefineCustomElement<
  Element extends HTMLElement,
  Properties extends keyof Element,
  Events extends Record<string, Event> = Record<never, Event>,
  Attributes = object,
> = new () => Element & {
  /** @deprecated Template type checking only; not a property of the element. */
  $props: HTMLAttributes & Partial<Pick<Element, Properties>> & Attributes & PublicProps;
  /** @deprecated Template type checking only; not a property of the element. */
  $emit: EmitFn<{ [Name in keyof Events]: (event: Events[Name]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'stream-chat': DefineCustomElement<
      StreamChat,
      'endpoint' | 'transport' | 'protocol' | 'model' | 'placeholder' | 'messages' | 'actions',
      {
        'stream-open': StreamOpenEvent;
        'stream-token': StreamTokenEvent;
        'stream-end': StreamEndEvent;
        'stream-error': StreamErrorEvent;
        'stream-abort': StreamAbortEvent;
        'message-feedback': MessageFeedbackEvent;
        'message-edit': MessageEditEvent;
        'message-regenerate': MessageRegenerateEvent;
        'message-version': MessageVersionEvent;
      }
    >;
    'token-view': DefineCustomElement<TokenView, 'text'>;
    'stop-button': DefineCustomElement<
      StopButton,
      'htmlFor' | 'label',
      { 'stream-stop-request': StreamStopRequestEvent },
      { for?: string }
    >;
  }
}
