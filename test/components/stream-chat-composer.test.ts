import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { StreamError, type StreamChat } from '../../src/index.js';
import { ManualTransport, until } from '../controllers/manual-transport.js';
import { withoutIds } from '../helpers/messages.js';

async function chat() {
  const transport = new ManualTransport();
  const el = await fixture<StreamChat>(html`<stream-chat .transport=${transport}></stream-chat>`);
  const root = el.shadowRoot!;
  const input = root.querySelector('textarea')!;
  return { el, transport, root, input };
}

function keydown(target: Element, init: KeyboardEventInit): KeyboardEvent {
  const event = new KeyboardEvent('keydown', {
    key: 'Enter',
    bubbles: true,
    composed: true,
    cancelable: true,
    ...init,
  });
  target.dispatchEvent(event);
  return event;
}

async function settle(el: StreamChat): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30));
  await el.updateComplete;
}

describe('<stream-chat> composer', function () {
  this.timeout(15_000);
  it('Enter sends the draft, clears it and keeps focus in the text area', async () => {
    const { el, transport, root, input } = await chat();
    input.focus();
    await sendKeys({ type: 'Hello there' });
    await sendKeys({ press: 'Enter' });
    await until(() => transport.requests.length === 1, 'sent');
    expect(withoutIds(transport.requests[0]!.messages)).to.deep.equal([
      { role: 'user', content: 'Hello there' },
    ]);
    expect(input.value).to.equal('');
    expect(root.activeElement).to.equal(input);
    expect(withoutIds(el.messages)).to.deep.equal([{ role: 'user', content: 'Hello there' }]);
  });

  it('Shift+Enter adds a line instead of sending', async () => {
    const { el, transport, input } = await chat();
    input.focus();
    await sendKeys({ type: 'one' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'two' });
    await settle(el);
    expect(input.value).to.equal('one\ntwo');
    expect(transport.requests).to.have.length(0);
    await sendKeys({ press: 'Enter' });
    await until(() => transport.requests.length === 1);
    expect(transport.requests[0]!.messages[0]!.content).to.equal('one\ntwo');
  });

  it('never sends while an IME composition is open', async () => {
    const { el, transport, input } = await chat();
    input.focus();
    input.value = 'にほんご';
    input.dispatchEvent(new Event('input'));
    // Each guard on its own: the event's flag, the composition events, Safari's keyCode.
    const composing = keydown(input, { isComposing: true });
    input.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    const flagOnly = keydown(input, {});
    input.dispatchEvent(new CompositionEvent('compositionend', { data: 'にほんご' }));
    // Safari: the Enter that confirmed the composition arrives after compositionend.
    const safari = keydown(input, { keyCode: 229 });
    await settle(el);
    expect(transport.requests).to.have.length(0);
    expect([composing, flagOnly, safari].map((event) => event.defaultPrevented)).to.deep.equal([
      false,
      false,
      false,
    ]);
    expect(input.value).to.equal('にほんご');
    const enter = keydown(input, {});
    expect(enter.defaultPrevented).to.equal(true);
    await until(() => transport.requests.length === 1);
    expect(transport.requests[0]!.messages[0]!.content).to.equal('にほんご');
  });

  it('the send button is disabled while the draft is blank, and gives way to Stop while streaming', async () => {
    const { el, transport, root, input } = await chat();
    const send = () => root.querySelector<HTMLButtonElement>('[part=send-button]');
    expect(send()!.disabled).to.equal(true);
    input.focus();
    await sendKeys({ type: '   ' });
    await el.updateComplete;
    expect(send()!.disabled).to.equal(true);
    await sendKeys({ type: 'x' });
    await el.updateComplete;
    expect(send()!.disabled).to.equal(false);
    send()!.click();
    await until(() => transport.requests.length === 1);
    await el.updateComplete;
    expect(send()).to.equal(null);
    expect(root.querySelector('[part=stop-button]')).to.not.equal(null);

    await sendKeys({ type: 'next question' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(transport.requests, 'no send while a reply streams').to.have.length(1);
    expect(input.value, 'the draft is kept').to.equal('next question');
    transport.end();
    await until(() => !el.streaming);
    await el.updateComplete;
    expect(send()!.disabled).to.equal(false);
  });

  it('Escape stops a running reply, through a cancelable stream-stop-request', async () => {
    const { el, transport, input } = await chat();
    input.focus();
    await sendKeys({ type: 'Hi' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.streaming && transport.requests.length === 1);

    el.addEventListener('stream-stop-request', (event) => event.preventDefault(), { once: true });
    await sendKeys({ press: 'Escape' });
    expect(el.streaming, 'vetoed').to.equal(true);

    const request = oneEvent(el, 'stream-stop-request');
    const aborted = oneEvent(el, 'stream-abort');
    await sendKeys({ press: 'Escape' });
    const event = await request;
    expect(event.detail.target).to.equal(el);
    expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
    await aborted;
    expect(transport.signal!.aborted).to.equal(true);
  });

  it('grows with its content up to a maximum height', async () => {
    const { el, input } = await chat();
    el.style.height = '40rem';
    const start = input.getBoundingClientRect().height;
    input.focus();
    await sendKeys({ type: 'line' });
    for (let i = 0; i < 3; i += 1) {
      await sendKeys({ press: 'Shift+Enter' });
      await sendKeys({ type: 'line' });
    }
    const grown = input.getBoundingClientRect().height;
    expect(grown).to.be.above(start * 2);
    for (let i = 0; i < 20; i += 1) await sendKeys({ press: 'Shift+Enter' });
    const capped = input.getBoundingClientRect().height;
    expect(capped).to.be.above(grown);
    expect(capped).to.be.at.most(parseFloat(getComputedStyle(input).fontSize) * 12 + 1);
  });

  it('a reply that fails before any text puts the question back into the composer', async () => {
    const { el, transport, root, input } = await chat();
    input.focus();
    await sendKeys({ type: 'Will this fail?' });
    await sendKeys({ press: 'Enter' });
    await until(() => transport.requests.length === 1);
    expect(input.value).to.equal('');
    transport.fail(new StreamError('network', 'Failed to fetch'));
    await oneEvent(el, 'stream-error');
    await el.updateComplete;
    expect(input.value).to.equal('Will this fail?');
    expect(withoutIds(el.messages)).to.deep.equal([]);
    expect(root.querySelector<HTMLButtonElement>('[part=send-button]')!.disabled).to.equal(false);
    expect(root.querySelector('[role=alert]')!.textContent).to.equal('Failed to fetch');

    root.querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
    await until(() => transport.requests.length === 2);
    expect(input.value, 'Retry takes the question out again').to.equal('');
    expect(withoutIds(transport.requests[1]!.messages)).to.deep.equal([
      { role: 'user', content: 'Will this fail?' },
    ]);
  });

  it('keeps a failed question in the list when the composer already holds a new draft', async () => {
    const { el, transport, input } = await chat();
    void el.send('First');
    await until(() => transport.requests.length === 1);
    input.focus();
    await sendKeys({ type: 'typing on' });
    transport.fail(new StreamError('timeout', 'Timed out'));
    await oneEvent(el, 'stream-error');
    expect(input.value).to.equal('typing on');
    expect(withoutIds(el.messages)).to.deep.equal([{ role: 'user', content: 'First' }]);
  });

  it('moves focus to the text area when its stop button goes away', async () => {
    const { el, transport, root, input } = await chat();
    void el.send('Hi');
    await until(() => transport.requests.length === 1);
    await el.updateComplete;
    const stop = root.querySelector('stop-button')!;
    await until(() => stop.streaming);
    await stop.updateComplete;
    stop.shadowRoot!.querySelector('button')!.focus();
    await sendKeys({ press: 'Space' });
    expect(el.streaming).to.equal(false);
    await el.updateComplete;
    expect(root.activeElement).to.equal(input);
  });
});
