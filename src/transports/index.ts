export * from './transport.js';
export * from './mock.js';
export * from './create.js';
