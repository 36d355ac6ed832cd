import { finish, type Protocol } from './protocol.js';

/**
 * Each frame's data is answer text, passed through untouched; the answer ends when the stream
 * ends cleanly (or, over WebSocket, at the configured end frame or idle gap).
 */
export const text: Protocol = {
  body: ({ messages, model }) => ({ model, messages }),
  decoder: () => (frame) =>
    !frame ? [finish()] : frame.data ? [{ type: 'text', text: frame.data }] : [],
};
