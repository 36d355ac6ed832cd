// Server-side rendering frameworks import packages in Node, where there is no DOM.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('the package entry imports in Node without a DOM', async () => {
  const api = await import('../../dist/index.js');
  for (const name of ['StreamChat', 'TokenView', 'StopButton', 'StreamError', 'mockTransport']) {
    assert.ok(name in api, `${name} is exported`);
  }
});
