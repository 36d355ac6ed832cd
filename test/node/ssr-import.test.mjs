// Server-side rendering frameworks (Next.js, Nuxt, Remix, Astro…) import packages in Node, where
// there is no DOM. These run against the built dist/ (`npm test` builds it first).
import assert from 'node:assert/strict';
import { test } from 'node:test';

/**
 * Imports a built file. The specifier is computed so the type checker does not follow it into
 * dist/, which holds JavaScript without declarations right after `pretest`.
 * @param {string} file
 * @returns {Promise<any>}
 */
const dist = (file) => import(new URL(`../../dist/${file}`, import.meta.url).href);

test('Node has no DOM here, so the imports below prove something', () => {
  for (const name of ['window', 'document', 'HTMLElement', 'customElements']) {
    assert.equal(name in globalThis, false, `${name} is not defined`);
  }
});

test('the package entry imports in Node without a DOM', async () => {
  const api = await dist('index.js');
  for (const name of ['StreamChat', 'TokenView', 'StopButton', 'StreamError', 'mockTransport']) {
    assert.ok(name in api, `${name} is exported`);
  }
});

test('stream-chat-elements/define imports in Node without a DOM', async () => {
  await assert.doesNotReject(dist('define.js'));
});

test('stream-chat-elements/react imports in Node and server-renders its components', async () => {
  const { StreamChat, TokenView, StopButton } = await dist('react.js');
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const html = renderToString(
    createElement(
      'main',
      null,
      createElement(StreamChat, {
        id: 'chat',
        transport: { stream: async function* () {} },
        messages: [{ role: 'user', content: 'Hi' }],
        onStreamEnd: () => {},
      }),
      createElement(TokenView, null),
      createElement(StopButton, { htmlFor: 'chat' }),
    ),
  );
  // Element properties are applied in the browser after hydration; the server sends the tags.
  assert.match(html, /<stream-chat id="chat"[^>]*><\/stream-chat>/);
  assert.match(html, /<token-view[^>]*><\/token-view>/);
  assert.match(html, /<stop-button[^>]*><\/stop-button>/);
});

test('React 19 server-renders the tags without the wrapper too', async () => {
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const html = renderToString(createElement('stream-chat', { endpoint: '/api/chat' }));
  assert.equal(html, '<stream-chat endpoint="/api/chat"></stream-chat>');
});

test('stream-chat-elements/server imports in Node without a DOM and answers a request', async () => {
  const server = await dist('server/index.js');
  for (const name of ['createChatHandler', 'toNodeHandler', 'defaultDecode']) {
    assert.equal(typeof server[name], 'function', `${name} is exported`);
  }
  const handler = server.createChatHandler({ upstream: { url: 'http://127.0.0.1:1/v1' } });
  const response = await handler(new Request('http://localhost/api/chat', { method: 'GET' }));
  assert.equal(response.status, 405);
});

test('the package entry does not pull in the server entry', async () => {
  const { readFile } = await import('node:fs/promises');
  const embed = await readFile(
    new URL('../../dist/stream-chat-elements.js', import.meta.url),
    'utf8',
  ).catch(() => '');
  const index = await readFile(new URL('../../dist/index.js', import.meta.url), 'utf8');
  for (const source of [embed, index])
    assert.doesNotMatch(source, /createChatHandler|toNodeHandler/);
});
