// stream-chat-elements/server: the proxy between `<stream-chat>` and a model. Runs anywhere
// with the Fetch API (Node ≥ 20, Deno, Bun, edge workers); imports nothing from the DOM and
// nothing from the browser entry.
export { createChatHandler, type ChatHandler } from './handler.js';
export { toNodeHandler, type NodeHandler, type NodeRequest, type NodeResponse } from './node.js';
export { defaultDecode } from './websocket-bridge.js';
export type * from './types.js';
