export * from './transports/index.js';
export * from './events/index.js';
export {
  TokenView,
  type Highlighter,
  type ImagePolicy,
} from './components/token-view/token-view.js';
export { StreamChat } from './components/stream-chat/stream-chat.js';
export type { StreamChatStrings } from './components/stream-chat/stream-chat.strings.js';
export type { ToolHandler } from './components/stream-chat/tool-loop.js';
export type { ToolStrings } from './components/stream-chat/tool-cards.strings.js';
export type { TokenViewStrings } from './components/token-view/token-view.strings.js';
export { StopButton, type Stoppable } from './components/stop-button/stop-button.js';
