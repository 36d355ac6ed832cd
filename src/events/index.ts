export * from './stream-open.js';
export * from './stream-token.js';
export * from './stream-end.js';
export * from './stream-error.js';
export * from './stream-abort.js';
export * from './stream-stop-request.js';
export * from './stream-tool-call.js';
