import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { StreamError, type StreamChat } from '../../src/index.js';
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

  it('a first question that fails moves from the saved history to the saved draft', async () => {
    const { el, transport, input } = await chat();
    input.focus();
    await sendKeys({ type: 'Will fail' });
    await sendKeys({ press: 'Enter' });
    await until(() => localStorage.getItem(key)?.includes('Will fail'), 'question saved');
    transport.fail(new StreamError('http', 'Unauthorized', { status: 401 }));
    await until(() => input.value === 'Will fail', 'the question is back in the composer');
    await until(() => localStorage.getItem(key) === null, 'the history is empty again');
    await until(() => localStorage.getItem(`${key}.draft`) === 'Will fail', 'saved as the draft');
    expect(el.messages).to.deep.equal([]);
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
    localStorage.setItem(`${key}.draft`, 'stored draft');
    const el = await fixture<StreamChat>(
      html`<stream-chat
        persist=${key}
        .messages=${[{ role: 'user', content: 'from the page' }]}
      ></stream-chat>`,
    );
    const input = el.shadowRoot!.querySelector('textarea')!;
    // The draft coming back shows the restore has run.
    await until(() => input.value === 'stored draft', 'the restore ran');
    expect(withoutIds(el.messages)).to.deep.equal([{ role: 'user', content: 'from the page' }]);
  });

  it('touches no storage without persist', async () => {
    const setItem = Storage.prototype.setItem;
    const written: string[] = [];
    Storage.prototype.setItem = function (name: string, value: string) {
      written.push(name);
      return setItem.call(this, name, value);
    };
    try {
      const host = await fixture<HTMLDivElement>(
        html`<div><stream-chat></stream-chat><stream-chat persist=${key}></stream-chat></div>`,
      );
      const [plain, witness] = host.querySelectorAll('stream-chat');
      plain!.messages = [{ role: 'user', content: 'x' }];
      witness!.messages = [{ role: 'user', content: 'x' }];
      for (const el of [plain!, witness!]) {
        el.shadowRoot!.querySelector('textarea')!.focus();
        await sendKeys({ type: 'draft' });
      }
      // The chat that persists has saved its draft: the other has had every chance to.
      await until(() => localStorage.getItem(`${key}.draft`) === 'draft', 'the witness saved');
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(written.filter((name) => !name.startsWith(key))).to.deep.equal([]);
    expect(written).to.include(key);
  });

  describe('when storage fails', () => {
    let warnings: unknown[][];
    const { warn } = console;
    const restores: (() => void)[] = [];
    beforeEach(() => {
      warnings = [];
      console.warn = (...args: unknown[]) => warnings.push(args);
    });
    afterEach(() => {
      console.warn = warn;
      for (const restore of restores.splice(0)) restore();
    });

    /** Sends, gets an answer and types: the chat must work through all of it. */
    async function useIt(el: StreamChat, transport: ManualTransport) {
      const input = el.shadowRoot!.querySelector('textarea')!;
      input.focus();
      await sendKeys({ type: 'Question' });
      await sendKeys({ press: 'Enter' });
      await until(() => transport.requests.length === 1, 'sent');
      transport.text('Answer.');
      transport.end();
      await until(() => el.messages.length === 2, 'answered');
      await sendKeys({ type: 'abc' });
      expect(input.value).to.equal('abc');
    }

    it('works without persistence when the localStorage getter throws, and warns once', async () => {
      const owner = Object.hasOwn(window, 'localStorage') ? window : Window.prototype;
      const descriptor = Object.getOwnPropertyDescriptor(owner, 'localStorage')!;
      Object.defineProperty(owner, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The document is sandboxed.', 'SecurityError');
        },
      });
      restores.push(() => Object.defineProperty(owner, 'localStorage', descriptor));
      const { el, transport } = await chat();
      await useIt(el, transport);
      await until(() => warnings.length > 0, 'a warning');
      await el.updateComplete;
      expect(warnings, String(warnings)).to.have.length(1);
      expect(String(warnings[0]?.[0])).to.contain('not available');
    });

    it('works without persistence when getItem throws, and warns once', async () => {
      const { getItem } = Storage.prototype;
      Storage.prototype.getItem = () => {
        throw new DOMException('Access denied.', 'SecurityError');
      };
      const { setItem } = Storage.prototype;
      let saves = 0;
      Storage.prototype.setItem = function (name: string, value: string) {
        saves += 1;
        return setItem.call(this, name, value);
      };
      restores.push(() => Object.assign(Storage.prototype, { getItem, setItem }));
      const { el, transport } = await chat();
      await useIt(el, transport);
      await until(() => saves >= 3, 'the saves after the failed restore');
      expect(warnings).to.have.length(1);
    });

    it('warns once when storage is full, not on every keystroke', async () => {
      const { setItem } = Storage.prototype;
      let refused = 0;
      Storage.prototype.setItem = () => {
        refused += 1;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      restores.push(() => (Storage.prototype.setItem = setItem));
      const { el, transport } = await chat();
      await useIt(el, transport);
      // Every keystroke tried to save the draft (and the answer its history).
      await until(() => refused >= 'Question'.length + 'abc'.length, 'every save was tried');
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]?.[0])).to.contain('full');
    });
  });

  it('follows persist changed at runtime, and stops saving when it is removed', async () => {
    const other = `${key}-other`;
    localStorage.removeItem(other);
    localStorage.setItem(other, JSON.stringify([{ role: 'user', content: 'Other chat' }]));
    const { el, transport, input } = await chat();
    void el.send('First');
    await until(() => localStorage.getItem(key)?.includes('First'), 'saved under the first key');
    transport.end();
    await until(() => !el.streaming, 'settled');
    el.clear();
    await until(() => localStorage.getItem(key) === null, 'cleared');

    el.persist = other;
    await until(() => el.messages[0]?.content === 'Other chat', 'the other key restored');
    void el.send('Second');
    await until(() => localStorage.getItem(other)?.includes('Second'), 'saved under the new key');
    expect(localStorage.getItem(key), 'the first key is left alone').to.equal(null);
    transport.end();
    await until(() => !el.streaming, 'settled');

    el.persist = '';
    input.focus();
    await sendKeys({ type: 'not saved' });
    // A chat that persists, beside it, saves its own draft: this one had its chance too.
    const witness = await chat();
    witness.el.persist = `${key}-witness`;
    witness.input.focus();
    await sendKeys({ type: 'w' });
    await until(() => localStorage.getItem(`${key}-witness.draft`) === 'w', 'the witness saved');
    expect(localStorage.getItem(`${key}.draft`)).to.equal(null);
    expect(localStorage.getItem(`${other}.draft`)).to.equal(null);
    localStorage.removeItem(other);
    localStorage.removeItem(`${key}-witness.draft`);
  });
});
