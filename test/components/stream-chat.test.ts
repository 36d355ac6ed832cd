import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import {
  StreamChat,
  StreamError,
  TokenView,
  mockTransport,
  textSteps,
  type ChatMessage,
} from '../../src/index.js';
import { ManualTransport, frames, until } from '../controllers/manual-transport.js';
import { withoutId, withoutIds } from '../helpers/messages.js';

async function chat(transport = new ManualTransport()) {
  const el = await fixture<StreamChat>(html`<stream-chat .transport=${transport}></stream-chat>`);
  return { el, transport, root: el.shadowRoot! };
}

/** Sends without awaiting the reply; resolves once the transport was asked. */
async function ask(el: StreamChat, transport: ManualTransport, text = 'Hi') {
  const count = transport.requests.length;
  const reply = el.send(text);
  await until(() => transport.requests.length > count, 'the transport was asked');
  await el.updateComplete;
  return { reply };
}

function rows(root: ShadowRoot) {
  return [...root.querySelectorAll<HTMLElement>('[part~=message]')];
}

async function rendered(view: TokenView | null | undefined): Promise<string> {
  await view?.updateComplete;
  return view?.text ?? '';
}

describe('<stream-chat> element', function () {
  this.timeout(15_000);
  it('is registered, and define() is idempotent', () => {
    expect(customElements.get('stream-chat')).to.equal(StreamChat);
    expect(() => StreamChat.define()).not.to.throw();
  });

  it('reads its attributes into properties and reflects theme and streaming', async () => {
    const el = await fixture<StreamChat>(
      html`<stream-chat
        endpoint="/v1/chat/completions"
        transport="websocket"
        protocol="anthropic"
        model="llama3.2"
        placeholder="Ask me"
        theme="dark"
        persist="k"
      ></stream-chat>`,
    );
    expect([
      el.endpoint,
      el.transport,
      el.protocol,
      el.model,
      el.placeholder,
      el.theme,
    ]).to.deep.equal([
      '/v1/chat/completions',
      'websocket',
      'anthropic',
      'llama3.2',
      'Ask me',
      'dark',
    ]);
    expect(el.persist).to.equal('k');
    expect(el.shadowRoot!.querySelector('textarea')!.placeholder).to.equal('Ask me');
    el.removeAttribute('transport');
    expect(el.transport).to.equal('sse');
    el.theme = 'light';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('light');
    localStorage.removeItem('k');
  });

  it('has sensible defaults', async () => {
    const el = await fixture<StreamChat>(html`<stream-chat></stream-chat>`);
    expect([el.endpoint, el.transport, el.protocol, el.model]).to.deep.equal([
      '',
      'sse',
      'openai',
      '',
    ]);
    expect(withoutIds(el.messages)).to.deep.equal([]);
    expect(el.streaming).to.equal(false);
    expect(el.hasAttribute('theme')).to.equal(false);
  });

  it('streams an answer from a transport into the conversation', async () => {
    const el = await fixture<StreamChat>(html`<stream-chat></stream-chat>`);
    el.transport = mockTransport({ script: textSteps('Hello **there**') });
    const ended = oneEvent(el, 'stream-end');
    void el.send('Hi');
    const event = await ended;
    expect(withoutId(event.detail.message)).to.deep.equal({
      role: 'assistant',
      content: 'Hello **there**',
    });
    expect(event.detail.reason).to.equal('stop');
    expect(withoutIds(el.messages)).to.deep.equal([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello **there**' },
    ]);
    expect(el.messages[1]).to.equal(event.detail.message);
    await el.updateComplete;
    const views = el.shadowRoot!.querySelectorAll('token-view');
    expect(await rendered(views[views.length - 1] as TokenView)).to.equal('Hello **there**');
  });

  it('sends the conversation and the model, and fires every event with its flags and detail', async () => {
    const { el, transport } = await chat();
    el.model = 'llama3.2';
    const seen: Event[] = [];
    for (const type of [
      'stream-open',
      'stream-token',
      'stream-end',
      'stream-error',
      'stream-abort',
    ]) {
      document.addEventListener(type, (event) => seen.push(event), { once: true });
    }
    const opened = oneEvent(el, 'stream-open');
    const { reply } = await ask(el, transport, '  Hi  ');
    transport.text('Hel', 'lo');
    const open = await opened;
    const { request } = open.detail;
    expect({ ...request, messages: withoutIds(request.messages) }).to.deep.equal({
      messages: [{ role: 'user', content: 'Hi' }],
      model: 'llama3.2',
    });
    const token = await oneEvent(el, 'stream-token');
    expect(token.detail).to.deep.equal({ text: 'Hello', kind: 'text' });
    transport.end('length');
    const end = await oneEvent(el, 'stream-end');
    await reply;
    expect(end.detail.message.id).to.be.a('string').and.not.equal(request.messages[0]!.id);
    expect({ ...end.detail, message: withoutId(end.detail.message) }).to.deep.equal({
      message: { role: 'assistant', content: 'Hello' },
      reason: 'length',
    });
    expect(
      seen.map((event) => [event.type, event.bubbles, event.composed, event.cancelable]),
    ).to.deep.equal([
      ['stream-open', true, true, false],
      ['stream-token', true, true, false],
      ['stream-end', true, true, false],
    ]);
  });

  it('shows a streaming indicator until the first token, then the live answer', async () => {
    const { el, transport, root } = await chat();
    expect(el.streaming).to.equal(false);
    await ask(el, transport);
    expect(el.streaming).to.equal(true);
    expect(el.hasAttribute('streaming')).to.equal(true);
    const typing = root.querySelector('[part=typing]')!;
    expect(typing.getAttribute('role')).to.equal('img');
    expect(typing.getAttribute('aria-label')).to.equal('Generating an answer');
    transport.text('First');
    await until(() => !root.querySelector('[part=typing]'), 'the indicator goes');
    const live = rows(root).at(-1)!;
    expect(live.getAttribute('aria-busy')).to.equal('true');
    expect(await rendered(live.querySelector('token-view'))).to.equal('First');
    transport.end();
    await until(() => !el.streaming);
    await el.updateComplete;
    expect(rows(root).at(-1)!.hasAttribute('aria-busy')).to.equal(false);
    expect(rows(root).at(-1)).to.equal(live);
  });

  it('shows reasoning in a collapsed section with its own live text', async () => {
    const { el, transport, root } = await chat();
    await ask(el, transport);
    transport.push({ type: 'reasoning', text: 'Let me ' }, { type: 'reasoning', text: 'think.' });
    await until(() => root.querySelector('[part=reasoning]'), 'the section appears');
    const details = root.querySelector<HTMLDetailsElement>('[part=reasoning]')!;
    expect(details.open).to.equal(false);
    expect(details.querySelector('summary')!.textContent).to.equal('Thinking…');
    await until(
      async () => (await rendered(details.querySelector('token-view'))) === 'Let me think.',
    );
    transport.text('Answer');
    await until(() => details.querySelector('summary')!.textContent === 'Reasoning');
    transport.end();
    await until(() => !el.streaming);
    await el.updateComplete;
    expect(root.querySelector('[part=reasoning]')).to.equal(details);
    expect(await rendered(details.querySelector('token-view'))).to.equal('Let me think.');
    expect(withoutId(el.messages.at(-1))).to.deep.equal({ role: 'assistant', content: 'Answer' });
  });

  describe('stop()', () => {
    it('before the first token: stops at once, closes the stream, keeps the question', async () => {
      const { el, transport, root } = await chat();
      const { reply } = await ask(el, transport);
      const aborted = oneEvent(el, 'stream-abort');
      el.stop();
      expect((await aborted).detail).to.deep.equal({ partial: '' });
      await reply;
      expect(transport.signal!.aborted).to.equal(true);
      expect(el.streaming).to.equal(false);
      expect(withoutIds(el.messages)).to.deep.equal([{ role: 'user', content: 'Hi' }]);
      await el.updateComplete;
      expect(root.querySelector('[part=typing]')).to.equal(null);
    });

    it('mid-stream: keeps the partial answer, marked as stopped', async () => {
      const { el, transport, root } = await chat();
      await ask(el, transport);
      transport.text('Half an ');
      await until(
        () =>
          root.querySelector('[aria-busy=true] token-view') && !root.querySelector('[part=typing]'),
      );
      const aborted = oneEvent(el, 'stream-abort');
      el.stop();
      const event = await aborted;
      expect(event.detail).to.deep.equal({ partial: 'Half an ' });
      expect(event.bubbles && event.composed && !event.cancelable).to.equal(true);
      expect(withoutId(el.messages.at(-1))).to.deep.equal({
        role: 'assistant',
        content: 'Half an ',
      });
      await el.updateComplete;
      const stopped = rows(root).at(-1)!.querySelector('[part=stopped]');
      expect(stopped?.textContent).to.equal('Stopped');
    });

    it('after an error: does nothing', async () => {
      const { el, transport } = await chat();
      await ask(el, transport);
      transport.text('x');
      transport.fail(new StreamError('network', 'Connection lost'));
      await oneEvent(el, 'stream-error');
      let aborts = 0;
      el.addEventListener('stream-abort', () => (aborts += 1));
      el.stop();
      expect(aborts).to.equal(0);
      expect(withoutId(el.messages.at(-1))).to.deep.equal({ role: 'assistant', content: 'x' });
    });
  });

  it('shows an error row with the server message and a Retry button that asks again', async () => {
    const { el, transport, root } = await chat();
    await ask(el, transport, 'Question');
    transport.text('Partial');
    const failed = oneEvent(el, 'stream-error');
    transport.fail(new StreamError('http', 'Model overloaded, try later', { status: 503 }));
    const event = await failed;
    expect(event.detail).to.deep.equal({
      error: { code: 'http', message: 'Model overloaded, try later', status: 503, retryable: true },
      partial: 'Partial',
    });
    await el.updateComplete;
    expect(root.querySelector('[part=error] [role=alert]')!.textContent).to.equal(
      'Model overloaded, try later',
    );
    const retry = root.querySelector<HTMLButtonElement>('[part=retry-button]')!;
    expect(retry.textContent).to.equal('Retry');
    retry.click();
    await until(() => transport.requests.length === 2, 'asked again');
    expect(withoutIds(transport.requests[1]!.messages)).to.deep.equal([
      { role: 'user', content: 'Question' },
    ]);
    await el.updateComplete;
    expect(root.querySelector('[part=retry-button]')).to.equal(null);
    expect(root.querySelector('[role=alert]')!.textContent).to.equal('');
    transport.text('Full');
    transport.end();
    await oneEvent(el, 'stream-end');
    // The partial answer is kept, as the earlier version of the new one.
    const [question, answer] = el.messages;
    expect(withoutId(question)).to.deep.equal({ role: 'user', content: 'Question' });
    expect(answer!.content).to.equal('Full');
    expect(answer!.versions!.index).to.equal(1);
    expect(withoutIds(answer!.versions!.others[0]!)).to.deep.equal([
      { role: 'assistant', content: 'Partial' },
    ]);
  });

  it('retry() regenerates the last answer', async () => {
    const { el, transport } = await chat();
    el.messages = [
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
    ];
    const reply = el.retry();
    await until(() => transport.requests.length === 1);
    expect(withoutIds(transport.requests[0]!.messages)).to.deep.equal([
      { role: 'user', content: 'Q1' },
    ]);
    transport.text('A1 again');
    transport.end();
    await reply;
    expect(el.messages.map((message) => message.content)).to.deep.equal(['Q1', 'A1 again']);
  });

  it('retry() with nothing to answer does nothing', async () => {
    const { el, transport } = await chat();
    await el.retry();
    el.messages = [{ role: 'system', content: 'Be brief' }];
    await el.retry();
    expect(transport.requests).to.have.length(0);
  });

  it('clear() stops the reply and empties the conversation', async () => {
    const { el, transport, root } = await chat();
    await ask(el, transport);
    transport.text('abc');
    await until(() => el.messages.length === 1 && transport.requests.length === 1);
    el.clear();
    expect(transport.signal!.aborted).to.equal(true);
    expect(withoutIds(el.messages)).to.deep.equal([]);
    expect(el.streaming).to.equal(false);
    await el.updateComplete;
    expect(rows(root)).to.have.length(0);
    expect(root.querySelector('[part=empty]')!.textContent).to.equal('How can I help?');
  });

  it('messages can be set (a history) and read back, and setting them stops a reply', async () => {
    const { el, transport, root } = await chat();
    const history: ChatMessage[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: '*Hello*' },
    ];
    el.messages = history;
    // Each message gets an id; a history whose messages all have one is kept as it is.
    expect(withoutIds(el.messages)).to.deep.equal(history);
    expect(new Set(el.messages.map((message) => message.id)).size).to.equal(3);
    const identified = el.messages;
    el.messages = identified;
    expect(el.messages).to.equal(identified);
    await el.updateComplete;
    expect(rows(root).map((row) => row.getAttribute('part'))).to.deep.equal([
      'message user-message',
      'message assistant-message',
    ]);
    expect(await rendered(rows(root)[1]!.querySelector('token-view'))).to.equal('*Hello*');
    await ask(el, transport, 'More');
    expect(withoutIds(transport.requests[0]!.messages)).to.deep.equal([
      ...history,
      { role: 'user', content: 'More' },
    ]);
    el.messages = [];
    expect(transport.signal!.aborted).to.equal(true);
    expect(el.streaming).to.equal(false);
  });

  it('a new send stops the running reply first, keeping its partial answer', async () => {
    const { el, transport } = await chat();
    await ask(el, transport, 'One');
    transport.text('part');
    await until(() => el.streaming);
    await frames(1);
    await ask(el, transport, 'Two');
    expect(transport.signals[0]!.aborted).to.equal(true);
    expect(transport.requests[1]!.messages.map((message) => message.content)).to.deep.equal([
      'One',
      'part',
      'Two',
    ]);
  });

  it('removing the element mid-stream aborts the run', async () => {
    const { el, transport } = await chat();
    await ask(el, transport);
    transport.text('a');
    await until(() => el.streaming);
    el.remove();
    expect(transport.signal!.aborted).to.equal(true);
    expect(el.streaming).to.equal(false);
    await until(() => transport.cleanups === 1, 'the transport released the stream');
  });
});
