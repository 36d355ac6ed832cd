import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { StreamChat } from '../../src/index.js';
import { ManualTransport, until } from '../controllers/manual-transport.js';
import { withoutIds } from '../helpers/messages.js';

const key = 'sce-test-chat';

async function chat(transport = new ManualTransport()) {
  const el = await fixture<StreamChat>(
    html`<stream-chat persist=${key} .transport=${transport}></stream-chat>`,
  );
  return { el, transport, input: el.shadowRoot!.querySelector('textarea')! };
}

describe('<stream-chat persist>', function () {
  this.timeout(15_000);
  beforeEach(() => {
    localStorage.removeItem(key);
    localStorage.removeItem(`${key}.draft`);
  });

  it('keeps the conversation and the draft across a reload', async () => {
    const first = await chat();
    void first.el.send('Remember me');
    await until(() => first.transport.requests.length === 1, 'sent');
    first.transport.text('I will.');
    first.transport.end();
    await oneEvent(first.el, 'stream-end');
    first.input.focus();
    await sendKeys({ type: 'unfinished thought' });
    await until(() => localStorage.getItem(`${key}.draft`) === 'unfinished thought', 'draft saved');
    await until(() => localStorage.getItem(key)?.includes('I will.'), 'conversation saved');
    first.el.remove();

    const second = await chat();
    await until(() => second.el.messages.length === 2, 'the conversation is back');
    expect(withoutIds(second.el.messages)).to.deep.equal([
      { role: 'user', content: 'Remember me' },
      { role: 'assistant', content: 'I will.' },
    ]);
    await until(() => second.input.value === 'unfinished thought', 'the draft is back');
    await second.el.updateComplete;
    expect(
      second.el.shadowRoot!.querySelector<HTMLButtonElement>('[part=send-button]')!.disabled,
    ).to.equal(false);
  });

  it('forgets the draft once it is sent, and the conversation on clear()', async () => {
    const { el, transport, input } = await chat();
    input.focus();
    await sendKeys({ type: 'Hello' });
    await until(() => localStorage.getItem(`${key}.draft`) === 'Hello', 'draft saved');
    await sendKeys({ press: 'Enter' });
    await until(() => transport.requests.length === 1, 'sent');
    await until(() => localStorage.getItem(`${key}.draft`) === null, 'draft removed');
    await until(() => localStorage.getItem(key) !== null, 'question saved');
    el.clear();
    await until(() => localStorage.getItem(key) === null, 'conversation removed');
  });

  it('ignores corrupted data with a console warning and starts empty', async () => {
    localStorage.setItem(key, '{not json');
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const { el } = await chat();
      await until(() => warnings.length === 1, 'warned');
      expect(withoutIds(el.messages)).to.deep.equal([]);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part=empty]')).to.not.equal(null);
    } finally {
      console.warn = warn;
    }
  });

  it('does not replace a history the page already set', async () => {
    localStorage.setItem(key, JSON.stringify([{ role: 'user', content: 'stored' }]));
    const el = await fixture<StreamChat>(
      html`<stream-chat
        persist=${key}
        .messages=${[{ role: 'user', content: 'from the page' }]}
      ></stream-chat>`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(withoutIds(el.messages)).to.deep.equal([{ role: 'user', content: 'from the page' }]);
  });

  it('touches no storage without persist', async () => {
    const setItem = Storage.prototype.setItem;
    let writes = 0;
    Storage.prototype.setItem = function (...args) {
      writes += 1;
      return setItem.apply(this, args);
    };
    try {
      const el = await fixture<StreamChat>(html`<stream-chat></stream-chat>`);
      el.messages = [{ role: 'user', content: 'x' }];
      el.shadowRoot!.querySelector('textarea')!.focus();
      await sendKeys({ type: 'draft' });
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(writes).to.equal(0);
  });
});
