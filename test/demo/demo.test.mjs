// The demo, end to end: `npm start`'s Vite server with the mock model on a free port, driven in
// headless Chromium. Every transport and protocol streams a rendered answer; stop stops the
// server too; every injected fault is shown and recovered from; themes keep the conversation.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { chromium } from 'playwright';
import { startDemoServer } from '../../demo/server/dev-server.mjs';
import { startMockServer } from '../../demo/server/mock-server.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';

/** @typedef {import('playwright').Page} Page */
/** @typedef {{ type: string, detail: any }} RecordedEvent */

const WAIT = { timeout: 15_000 };

/** @type {Awaited<ReturnType<typeof startDemoServer>>} */
let demo;
/** @type {import('playwright').Browser} */
let browser;

before(async () => {
  // Fast answers wherever the page does not pick a pace (the script-tag-only page).
  process.env.MOCK_RATE = '1000';
  demo = await startDemoServer();
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

/** The page errors of every page the running test opened. */
/** @type {Error[][]} */
const pageErrors = [];
// Checked by the test's own hook: an assertion inside a page's close listener could throw
// where nothing reports it, and a page left open would never be checked.
afterEach(() => {
  const errors = pageErrors.splice(0).flat();
  assert.deepEqual(errors, [], 'no page errors');
});

/**
 * Opens a page of the demo, records the main chat's stream-* events in `window.events` and
 * fails the test on any page error.
 * @param {string} [path]
 * @returns {Promise<Page>}
 */
async function open(path = '/', base = demo.url) {
  const page = await browser.newPage();
  /** @type {Error[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  pageErrors.push(errors);
  await page.goto(base + path);
  await page.evaluate(() => {
    const win = /** @type {any} */ (globalThis);
    win.events = [];
    const chat = win.document.querySelector('stream-chat');
    for (const type of [
      'stream-open',
      'stream-token',
      'stream-end',
      'stream-error',
      'stream-abort',
    ])
      chat?.addEventListener(type, (/** @type {Event & { detail?: unknown }} */ event) =>
        win.events.push({
          type,
          detail: JSON.parse(JSON.stringify(/** @type {any} */ (event).detail)),
        }),
      );
  });
  return page;
}

/** @param {Page} page @returns {Promise<RecordedEvent[]>} */
const events = (page) => page.evaluate(() => /** @type {any} */ (globalThis).events);

/**
 * Types a prompt into the chat's composer and sends it; resolves with the run's final event.
 * @param {Page} page @param {string} prompt
 * @param {string[]} [until] - the event types that end the wait
 */
async function ask(page, prompt, until = ['stream-end', 'stream-error', 'stream-abort']) {
  const before = (await events(page)).length;
  await page.locator('#chat [part="input"]').fill(prompt);
  await page.locator('#chat [part="input"]').press('Enter');
  return waitForEvent(page, until, before);
}

/**
 * @param {Page} page @param {string[]} types @param {number} after - events already seen
 * @returns {Promise<RecordedEvent>}
 */
async function waitForEvent(page, types, after) {
  await page.waitForFunction(
    ([types, after]) =>
      /** @type {any} */ (globalThis).events
        .slice(after)
        .some((/** @type {RecordedEvent} */ event) => types.includes(event.type)),
    /** @type {const} */ ([types, after]),
    WAIT,
  );
  const seen = (await events(page)).slice(after);
  return /** @type {RecordedEvent} */ (seen.find((event) => types.includes(event.type)));
}

/** @param {Page} page */
const answers = (page) => page.locator('#chat [part~="assistant-message"]');

/** The rendered text of the last answer (its last content part: reasoning comes first). */
const lastAnswerText = (/** @type {Page} */ page) =>
  answers(page).last().locator('[part="content"]').last().innerText();

/** @param {Page} page @param {Record<string, string>} choices */
async function choose(page, choices) {
  for (const [name, value] of Object.entries(choices))
    await page.selectOption(`#settings [name="${name}"]`, value);
}

/** What the mock model server counted, asked from outside the page. @returns {Promise<any>} */
const mockStats = () => fetch(`${demo.url}/api/mock-stats`).then((response) => response.json());

const COMBINATIONS = /** @type {const} */ ([
  ['sse', 'openai'],
  ['sse', 'openai-responses'],
  ['sse', 'anthropic'],
  ['sse', 'dify'],
  ['sse', 'ai-sdk'],
  ['ndjson', 'ollama'],
  ['text', 'text'],
  ['websocket', 'openai'],
  ['websocket', 'anthropic'],
  ['websocket', 'text'],
]);

describe('the demo page', { timeout: 180_000 }, () => {
  test('runs Lit’s production build', async () => {
    const page = await browser.newPage();
    /** @type {string[]} */
    const messages = [];
    page.on('console', (message) => messages.push(message.text()));
    await page.goto(demo.url + '/');
    await page.locator('#chat').evaluate((chat) => /** @type {any} */ (chat).updateComplete);
    await page.close();
    assert.ok(!messages.some((text) => /Lit is in dev mode/.test(text)), messages.join('\n'));
  });

  test('streams a rendered answer over every transport and protocol', async () => {
    const page = await open();
    await choose(page, { rate: '1000' });
    for (const [transport, protocol] of COMBINATIONS) {
      await choose(page, { transport, protocol });
      const before = (await events(page)).length;
      const end = await ask(page, 'Compare the transports in a table');
      const label = `${transport} · ${protocol}`;
      assert.equal(end.type, 'stream-end', `${label}: ${JSON.stringify(end.detail)}`);
      const tokens = (await events(page)).slice(before).filter((e) => e.type === 'stream-token');
      assert.ok(tokens.length > 1, `${label}: streamed in ${tokens.length} token events`);
      const table = answers(page).last().locator('[part="content"] table');
      await table.waitFor(WAIT);
      assert.equal(await table.locator('tbody tr').count(), 4, label);
    }
    await page.close();
  });

  test('shows reasoning separately from the answer', async () => {
    const page = await open();
    await choose(page, { rate: '1000' });
    const end = await ask(page, "Think: how many r's are in strawberry?");
    assert.equal(end.type, 'stream-end');
    assert.match(await lastAnswerText(page), /There are 3/);
    const reasoning = page.locator('#chat [part~="reasoning"]').last();
    const thoughts = await reasoning
      .locator('token-view')
      .evaluate((view) => /** @type {any} */ (view).text);
    assert.match(thoughts, /s-t-r-a-w-b-e-r-r-y/);
    assert.doesNotMatch(await lastAnswerText(page), /Positions/, 'kept out of the answer');
    await page.close();
  });

  test('stops mid-answer: the partial answer stays and the server stops generating', async () => {
    const page = await open();
    await choose(page, { rate: '40' });
    const before = await mockStats();
    const started = (await events(page)).length;
    await page.locator('#chat [part="input"]').fill('Explain streaming chat interfaces in detail');
    await page.locator('#chat [part="input"]').press('Enter');
    await waitForEvent(page, ['stream-token'], started);
    await page.locator('#chat [part~="stop-button"]').click();
    const abort = await waitForEvent(page, ['stream-abort', 'stream-end'], started);
    assert.equal(abort.type, 'stream-abort');
    assert.ok(abort.detail.partial.length > 0);
    assert.ok(abort.detail.partial.length < 1000, 'stopped well before the end');
    for (let stats = await mockStats(); stats.open > 0 || stats.aborted === before.aborted;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      stats = await mockStats();
    }
    assert.match(await lastAnswerText(page), /^Designing/, 'the partial answer stays');
    await page.close();
  });

  for (const [prompt, code, status] of /** @type {const} */ ([
    ['/error 500', 'http', 500],
    ['/error 429', 'http', 429],
    ['/drop', 'network', undefined],
    ['/malformed', 'protocol', undefined],
  ])) {
    test(`shows "${prompt}" as a ${code} error and recovers on Retry`, async () => {
      const page = await open();
      await choose(page, { rate: '1000' });
      const failed = await ask(page, prompt);
      assert.equal(failed.type, 'stream-error', JSON.stringify(failed.detail));
      assert.equal(failed.detail.error.code, code);
      assert.equal(failed.detail.error.status, status);
      const error = page.locator('#chat [part~="error"]');
      await error.waitFor(WAIT);
      if (status) assert.match(await error.innerText(), /simulated/);
      const before = (await events(page)).length;
      await page.locator('#chat [part~="retry-button"]').click();
      const recovered = await waitForEvent(page, ['stream-end', 'stream-error'], before);
      assert.equal(recovered.type, 'stream-end', JSON.stringify(recovered.detail));
      assert.match(recovered.detail.message.content, /^\*\*Recovered\.\*\*/);
      await error.waitFor({ state: 'hidden', ...WAIT });
      await page.close();
    });
  }

  test('shows a slow model as typing until the first token, and stops it', async () => {
    const page = await open();
    const started = (await events(page)).length;
    await page.locator('#chat [part="input"]').fill('/slow');
    await page.locator('#chat [part="input"]').press('Enter');
    await page.locator('#chat [part~="typing"]').waitFor(WAIT);
    await page.locator('#chat [part~="stop-button"]').click();
    const stopped = await waitForEvent(
      page,
      ['stream-abort', 'stream-end', 'stream-error'],
      started,
    );
    assert.equal(stopped.type, 'stream-abort');
    await page.close();
  });

  test('switches theme without losing the conversation', async () => {
    const page = await open();
    await choose(page, { rate: '1000' });
    await ask(page, 'Give me a launch checklist');
    const answer = await lastAnswerText(page);
    const background = () =>
      page
        .locator('#chat')
        .evaluate((/** @type {any} */ chat) =>
          chat.computedStyleMap().get('background-color').toString(),
        );
    const light = await background();
    await page.check('input[name="theme"][value="dark"]');
    assert.equal(await page.locator('#chat').getAttribute('theme'), 'dark');
    assert.notEqual(await background(), light);
    await page.check('input[name="theme"][value="brand"]');
    assert.equal(await background(), 'rgb(255, 253, 249)', 'the brand background token');
    assert.equal(await answers(page).count(), 1);
    assert.equal(await lastAnswerText(page), answer);
    assert.equal(
      await page.locator('#chat').evaluate((chat) => /** @type {any} */ (chat).messages.length),
      2,
    );
    await page.close();
  });

  test('streams a 100 KB answer into a standalone <token-view> with a live readout', async () => {
    const page = await open();
    await page.selectOption('#big-rate', '10000');
    await page.click('#big-start');
    await page.locator('#big-start:disabled').waitFor(WAIT);
    await page.locator('#big-start:enabled').waitFor({ timeout: 30_000 });
    const size = Number(await page.locator('#big-size').textContent());
    assert.ok(size >= 100, `${size} KB`);
    assert.ok(
      Number((await page.locator('#big-tokens').textContent())?.replace(/,/g, '')) > 20_000,
    );
    const text = await page.locator('#big-view').evaluate((view) => /** @type {any} */ (view).text);
    assert.ok(text.length >= 100_000);
    assert.ok((await page.locator('#big-view [part="content"] table').count()) > 5);
    await page.close();
  });

  test('lays out the right-to-left chat from right to left', async () => {
    const page = await open();
    const direction = await page
      .locator('#rtl-chat [part="messages"]')
      .evaluate((/** @type {any} */ list) => list.computedStyleMap().get('direction').toString());
    assert.equal(direction, 'rtl');
    assert.equal(await page.locator('#rtl-chat [part~="assistant-message"]').count(), 1);
    await page.close();
  });
});

describe('the script-tag-only page', { timeout: 60_000 }, () => {
  test('works with nothing but the built embed and HTML attributes', async () => {
    const page = await open('/embed.html');
    const scripts = await page
      .locator('script[src]')
      .evaluateAll((nodes) => nodes.map((/** @type {any} */ node) => node.getAttribute('src')));
    assert.deepEqual(
      scripts.filter((src) => !src?.startsWith('/@vite/')),
      ['../dist/stream-chat-elements.js'],
    );
    const end = await ask(page, 'Compare the transports in a table');
    assert.equal(end.type, 'stream-end');
    await page.locator('stream-chat [part~="assistant-message"] table').waitFor(WAIT);
    await page.close();
  });
});

describe('npm start in upstream mode', { timeout: 60_000 }, () => {
  /** @type {Awaited<ReturnType<typeof startMockServer>>} */
  let upstream;
  /** @type {Awaited<ReturnType<typeof startDemoServer>>} */
  let proxied;
  before(async () => {
    // A second mock model stands in for the real OpenAI-compatible server.
    upstream = await startMockServer({ rate: 100 });
    const env = {
      UPSTREAM_URL: `${upstream.url}/v1`,
      UPSTREAM_API_KEY: 'sk-demo-secret',
      UPSTREAM_MODEL: 'upstream-model',
    };
    Object.assign(process.env, env);
    try {
      proxied = await startDemoServer();
    } finally {
      for (const name of Object.keys(env)) delete process.env[name];
    }
  });
  after(async () => {
    await proxied?.close();
    await upstream?.close();
  });

  test('streams the upstream answer; the key stays on the server; Stop aborts upstream', async () => {
    const page = await open('/', proxied.url);
    await page.locator('#mode.upstream').waitFor(WAIT);
    assert.match(await page.locator('#mode').innerText(), /upstream-model/);
    assert.doesNotMatch(await page.content(), /sk-demo-secret/);

    const end = await ask(page, 'Compare the transports in a table');
    assert.equal(end.type, 'stream-end', JSON.stringify(end.detail));
    await answers(page).last().locator('[part="content"] table').waitFor(WAIT);
    const seen = upstream.mock.stats().requests.at(-1);
    assert.equal(seen?.authorization, 'Bearer sk-demo-secret');
    assert.equal(seen?.model, 'upstream-model');

    const aborted = upstream.mock.stats().aborted;
    const started = (await events(page)).length;
    await page.locator('#chat [part="input"]').fill('Explain streaming chat interfaces in detail');
    await page.locator('#chat [part="input"]').press('Enter');
    await waitForEvent(page, ['stream-token'], started);
    await page.locator('#chat [part~="stop-button"]').click();
    assert.equal(
      (await waitForEvent(page, ['stream-abort', 'stream-end'], started)).type,
      'stream-abort',
    );
    while (upstream.mock.stats().aborted === aborted || upstream.mock.stats().open > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await page.close();
  });
});
