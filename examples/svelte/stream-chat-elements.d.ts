// Types the kit's tags in Svelte 5 markup (checked by svelte-check). Put it in your `src/`.
import type { HTMLAttributes } from 'svelte/elements';
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

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'stream-chat': HTMLAttributes<StreamChat> &
      Partial<
        Pick<
          StreamChat,
          'endpoint' | 'transport' | 'protocol' | 'model' | 'placeholder' | 'messages' | 'actions'
        >
      > & {
        'onstream-open'?: (event: StreamOpenEvent) => void;
        'onstream-token'?: (event: StreamTokenEvent) => void;
        'onstream-end'?: (event: StreamEndEvent) => void;
        'onstream-error'?: (event: StreamErrorEvent) => void;
        'onstream-abort'?: (event: StreamAbortEvent) => void;
        'onmessage-feedback'?: (event: MessageFeedbackEvent) => void;
        'onmessage-edit'?: (event: MessageEditEvent) => void;
        'onmessage-regenerate'?: (event: MessageRegenerateEvent) => void;
        'onmessage-version'?: (event: MessageVersionEvent) => void;
      };
    'token-view': HTMLAttributes<TokenView> & Partial<Pick<TokenView, 'text'>>;
    'stop-button': HTMLAttributes<StopButton> &
      Partial<Pick<StopButton, 'label'>> & {
        for?: string;
        'onstream-stop-request'?: (event: StreamStopRequestEvent) => void;
      };
  }
}
