import '../token-view/token-view.define.js';
import { StreamChat } from './stream-chat.js';

StreamChat.define();

declare global {
  interface HTMLElementTagNameMap {
    'stream-chat': StreamChat;
  }
}
