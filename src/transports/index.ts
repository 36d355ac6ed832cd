export * from './transport.js';
export * from './mock.js';
export * from './create.js';
export { sseTransport, type SseTransportOptions } from './sse.js';
export type { HttpTransportOptions } from './http.js';
export * from './channels.js';
export type { EventSourceTransportOptions } from './event-source.js';
export type { WebSocketTransport, WebSocketTransportOptions } from './websocket.js';
export type { Decoder, Frame, Protocol, ProtocolName } from './protocols/index.js';
