import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type {
  ChatMessage,
  MessageEditEvent,
  MessageFeedbackEvent,
  MessageRegenerateEvent,
  MessageVersionEvent,
  StreamChat,
  TokenView,
} from '../../src/index.js';
import { StreamError } from '../../src/index.js';
import { ManualTransport, until } from '../controllers/manual-transport.js';
import { withoutIds } from '../helpers/messages.js';
import { newProbeId } from '../helpers/server.js';

/**
 * The actions under each message of <stream-chat>: copy, feedback, regenerate, edit, versions.
 * Edits and regenerations stream over a real SSE server (test/server/routes/versions.mjs) that
 * reports what it was sent.
 */

interface SentMessage {
  role: string;
  content: string;
  [field: string]: unknown;
}

async function seen(log: string): Promise<{ messages: SentMessage[] }[]> {
  return (await (await fetch(`/mock/versions/seen?log=${log}`)).json()) as {
    messages: SentMessage[];
  }[];
}

const contents = (messages: { content: string }[]) => messages.map((m) => m.content);

async function sseChat(options: { persist?: string; hold?: boolean } = {}) {
  const log = newProbeId('versions');
  const endpoint = `/mock/versions/openai?log=${log}${options.hold ? '&hold=1' : ''}`;
  const el = await fixture<StreamChat>(
    html`<stream-chat
      style="height: 600px"
      .endpoint=${endpoint}
      persist=${options.persist ?? ''}
    ></stream-chat>`,
  );
  return { el, log, root: el.shadowRoot! };
}

/** Sends `question` and waits until its answer has finished streaming and rendering. */
async function ask(el: StreamChat, question: string): Promise<void> {
  const ended = oneEvent(el, 'stream-end');
  void el.send(question);
  await ended;
  await settled(el);
}

async function settled(el: StreamChat): Promise<void> {
  await el.updateComplete;
  await Promise.all(
    [...el.shadowRoot!.querySelectorAll<TokenView>('token-view')].map((v) => v.updateComplete),
  );
}

const row = (el: StreamChat, message: ChatMessage | undefined) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~=message-actions][data-id="${message!.id}"]`)!;

function button(el: StreamChat, message: ChatMessage | undefined, part: string) {
  return row(el, message).querySelector<HTMLButtonElement>(`[part~=${part}]`)!;
}

const label = (el: StreamChat, message: ChatMessage | undefined) =>
  row(el, message).querySelector('[part=version-label]')?.textContent;

const active = (el: StreamChat) => el.shadowRoot!.activeElement as HTMLElement | null;

/** A chat over a hand-driven transport with one finished question and answer. */
async function manualChat(answer = 'Hello **there**, `code` and\n\n- a list') {
  const transport = new ManualTransport();
  const el = await fixture<StreamChat>(
    html`<stream-chat style="height: 600px" .transport=${transport}></stream-chat>`,
  );
  const ended = oneEvent(el, 'stream-end');
  void el.send('Hi');
  await until(() => transport.requests.length === 1, 'asked');
  transport.text(answer);
  // A finish part alone: end() would also end the next stream at once.
  transport.push({ type: 'finish' });
  await ended;
  await settled(el);
  return { el, transport, root: el.shadowRoot! };
}

describe('<stream-chat> message actions', function () {
  this.timeout(15_000);
  // No fade: the opacity a test reads is the one the state asks for.
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('shows Copy, Good, Bad and Regenerate under answers, Edit under questions, none while live', async () => {
    const { el, transport, root } = await manualChat();
    const [question, answer] = el.messages;
    expect(question!.id).to.be.a('string');
    expect(answer!.id).to.be.a('string').and.not.equal(question!.id);
    const parts = (message: ChatMessage | undefined) =>
      [...row(el, message).querySelectorAll('button')].map((b) => b.getAttribute('part'));
    expect(parts(answer)).to.deep.equal([
      'action-button copy-message-button',
      'action-button good-button',
      'action-button bad-button',
      'action-button regenerate-button',
    ]);
    expect(parts(question)).to.deep.equal(['action-button edit-button']);
    const names = [...row(el, answer).querySelectorAll('button')].map((b) =>
      b.getAttribute('aria-label'),
    );
    expect(names).to.deep.equal(['Copy message', 'Good response', 'Bad response', 'Regenerate']);
    expect(row(el, answer).getAttribute('role')).to.equal('group');
    expect(row(el, answer).getAttribute('aria-label')).to.equal('Message actions');
    expect(row(el, answer).querySelector(`slot[name="actions-${answer!.id}"]`)).to.not.equal(null);
    await expect(el).to.be.accessible();

    void el.send('More');
    await until(() => transport.requests.length === 2, 'asked again');
    transport.text('Stream');
    await until(() => root.querySelectorAll('[aria-busy=true][part~=message]').length === 1);
    await el.updateComplete;
    // Four rows of actions: two questions and the first answer, none for the live answer.
    expect(root.querySelectorAll('[part~=message-actions]')).to.have.length(3);
    expect(button(el, answer, 'regenerate-button').disabled).to.equal(true);
    expect(button(el, answer, 'copy-message-button').disabled).to.equal(false);
    await expect(el).to.be.accessible();
    const ended = oneEvent(el, 'stream-end');
    transport.push({ type: 'finish' });
    await ended;
  });

  it('shows only the actions the `actions` attribute lists, and the page’s own slotted buttons', async () => {
    const { el } = await manualChat();
    const [question, answer] = el.messages;
    const mine = document.createElement('button');
    mine.slot = `actions-${answer!.id}`;
    mine.textContent = 'Share';
    el.append(mine);
    el.setAttribute('actions', 'copy regenerate');
    await el.updateComplete;
    expect(el.actions).to.equal('copy regenerate');
    expect([...row(el, answer).querySelectorAll('button')].map((b) => b.ariaLabel)).to.deep.equal([
      'Copy message',
      'Regenerate',
    ]);
    expect(row(el, question).querySelector('button')).to.equal(null);
    const slot = row(el, answer).querySelector<HTMLSlotElement>('slot')!;
    expect(slot.assignedElements()).to.deep.equal([mine]);
    el.actions = '';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('[part~=action-button]')).to.have.length(0);
  });

  it('copies the exact Markdown as text/plain and the rendered HTML as text/html, and announces it', async () => {
    const markdown = 'Hello **there**, `code` and\n\n```js\nconst a = "<b>";\n```\n\n- a list';
    const { el, root } = await manualChat(markdown);
    const answer = el.messages[1];
    const written: ClipboardItem[] = [];
    const original = navigator.clipboard.write;
    navigator.clipboard.write = async (items: ClipboardItems) => void written.push(...items);
    try {
      button(el, answer, 'copy-message-button').click();
      await until(() => written.length === 1, 'written');
    } finally {
      navigator.clipboard.write = original;
    }
    const item = written[0]!;
    expect([...item.types].sort()).to.deep.equal(['text/html', 'text/plain']);
    expect(await (await item.getType('text/plain')).text()).to.equal(markdown);
    const copied = await (await item.getType('text/html')).text();
    const rendered = document.createElement('div');
    rendered.innerHTML = copied;
    expect(rendered.querySelector('strong')!.textContent).to.equal('there');
    expect(rendered.querySelector('pre code')!.textContent).to.contain('const a = "<b>";');
    expect(rendered.querySelector('li')!.textContent).to.equal('a list');
    expect(rendered.querySelector('button, [role=status]')).to.equal(null);
    await until(() => root.querySelector('[role=status].sr')!.textContent === 'Copied', 'said');
    expect(button(el, answer, 'copy-message-button').ariaLabel).to.equal('Copied');
  });

  it('falls back to text/plain where the clipboard takes text only, and says when it fails', async () => {
    const { el, root } = await manualChat('Just *text*');
    const answer = el.messages[1];
    const texts: string[] = [];
    const { write, writeText } = navigator.clipboard;
    navigator.clipboard.write = () => Promise.reject(new DOMException('no', 'NotAllowedError'));
    navigator.clipboard.writeText = async (text: string) => void texts.push(text);
    try {
      button(el, answer, 'copy-message-button').click();
      await until(() => texts.length === 1, 'written as text');
      expect(texts).to.deep.equal(['Just *text*']);
      navigator.clipboard.writeText = () =>
        Promise.reject(new DOMException('no', 'NotAllowedError'));
      button(el, answer, 'copy-message-button').click();
      const status = root.querySelector('[role=status].sr')!;
      await until(() => status.textContent === 'Copy failed', 'failure said');
    } finally {
      Object.assign(navigator.clipboard, { write, writeText });
    }
  });

  it('toggles Good and Bad with aria-pressed, keeps the value on the message and fires message-feedback', async () => {
    const { el } = await manualChat();
    const id = el.messages[1]!.id!;
    const events: MessageFeedbackEvent[] = [];
    document.addEventListener('message-feedback', (event) => events.push(event));
    const good = () => button(el, el.messages[1], 'good-button');
    const bad = () => button(el, el.messages[1], 'bad-button');
    expect([good().ariaPressed, bad().ariaPressed]).to.deep.equal(['false', 'false']);
    good().click();
    await el.updateComplete;
    expect([good().ariaPressed, bad().ariaPressed]).to.deep.equal(['true', 'false']);
    expect(el.messages[1]!.feedback).to.equal('up');
    bad().click();
    await el.updateComplete;
    expect([good().ariaPressed, bad().ariaPressed]).to.deep.equal(['false', 'true']);
    bad().click();
    await el.updateComplete;
    expect([good().ariaPressed, bad().ariaPressed]).to.deep.equal(['false', 'false']);
    expect(el.messages[1]).to.not.have.property('feedback');
    expect(events.map((event) => event.detail.value)).to.deep.equal(['up', 'down', null]);
    const [first] = events;
    expect([first!.bubbles, first!.composed, first!.cancelable]).to.deep.equal([true, true, false]);
    expect(first!.detail.id).to.equal(id);
    expect(first!.detail.message).to.include({ id, feedback: 'up', role: 'assistant' });
    await expect(el).to.be.accessible();
  });

  it('regenerates over SSE: a new answer streams and the old one is kept as version 1 of 2', async () => {
    const { el, log, root } = await sseChat();
    await ask(el, 'Why?');
    const first = el.messages[1]!;
    expect(first.content).to.equal('Answer 1 to: Why?');
    expect(label(el, first)).to.equal(undefined);
    const regenerated = oneEvent(el, 'message-regenerate') as Promise<MessageRegenerateEvent>;
    const ended = oneEvent(el, 'stream-end');
    button(el, first, 'regenerate-button').click();
    const event = await regenerated;
    expect([event.bubbles, event.composed, event.cancelable]).to.deep.equal([true, true, true]);
    expect(event.detail).to.deep.equal({ id: first.id, message: first });
    expect(active(el)).to.equal(root.querySelector('[part=messages]'));
    await ended;
    await settled(el);
    const second = el.messages[1]!;
    expect(contents(el.messages)).to.deep.equal(['Why?', 'Answer 2 to: Why?']);
    expect(label(el, second)).to.equal('2 / 2');
    expect(row(el, second).textContent).to.contain('Version 2 of 2');
    expect(withoutIds(second.versions!.others[0]!)).to.deep.equal([
      { role: 'assistant', content: 'Answer 1 to: Why?' },
    ]);
    const requests = await seen(log);
    expect(requests.map((request) => contents(request.messages))).to.deep.equal([
      ['Why?'],
      ['Why?'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('lets the page veto a regeneration', async () => {
    const { el, log } = await sseChat();
    await ask(el, 'Keep it');
    el.addEventListener('message-regenerate', (event) => event.preventDefault(), { once: true });
    button(el, el.messages[1], 'regenerate-button').click();
    await el.updateComplete;
    expect(el.streaming).to.equal(false);
    expect(contents(el.messages)).to.deep.equal(['Keep it', 'Answer 1 to: Keep it']);
    expect(await seen(log)).to.have.length(1);
  });

  it('edits a question inline and resends it over SSE as a new version of the turn', async () => {
    const { el, log, root } = await sseChat();
    await ask(el, 'Wrong question');
    const question = el.messages[0]!;
    button(el, question, 'edit-button').click();
    await el.updateComplete;
    const editor = root.querySelector<HTMLTextAreaElement>('[part=editor-input]')!;
    await until(() => active(el) === editor, 'the editor has focus');
    expect(editor.value).to.equal('Wrong question');
    expect(editor.getAttribute('aria-label')).to.equal('Edit your message');
    await expect(el).to.be.accessible();
    editor.select();
    await sendKeys({ type: 'Right question' });
    const edited = oneEvent(el, 'message-edit') as Promise<MessageEditEvent>;
    const ended = oneEvent(el, 'stream-end');
    await sendKeys({ press: 'Enter' });
    const event = await edited;
    expect([event.bubbles, event.composed, event.cancelable]).to.deep.equal([true, true, true]);
    expect(event.detail).to.deep.equal({
      id: question.id,
      message: question,
      content: 'Right question',
    });
    expect(active(el)).to.equal(root.querySelector('[part=input]'));
    await ended;
    await settled(el);
    expect(contents(el.messages)).to.deep.equal(['Right question', 'Answer 2 to: Right question']);
    expect(el.messages[0]!.id).to.not.equal(question.id);
    expect(label(el, el.messages[0])).to.equal('2 / 2');
    expect(contents(el.messages[0]!.versions!.others[0]!)).to.deep.equal([
      'Wrong question',
      'Answer 1 to: Wrong question',
    ]);
    const requests = await seen(log);
    expect(contents(requests[1]!.messages)).to.deep.equal(['Right question']);
    // The model is sent the conversation only: no versions, no earlier question.
    expect(requests[1]!.messages[0]).to.not.have.property('versions');
    await expect(el).to.be.accessible();
  });

  it('Escape or Cancel closes the editor, keeps what was typed, and a vetoed edit keeps it open', async () => {
    const { el, root } = await manualChat();
    const question = el.messages[0]!;
    const draft = el.shadowRoot!.querySelector<HTMLTextAreaElement>('[part=input]')!;
    draft.value = 'my unsent draft';
    button(el, question, 'edit-button').click();
    await el.updateComplete;
    const editor = () => root.querySelector<HTMLTextAreaElement>('[part=editor-input]');
    await until(() => active(el) === editor(), 'focused');
    await sendKeys({ type: ' and more' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(editor()).to.equal(null);
    expect(active(el)).to.equal(button(el, question, 'edit-button'));
    await sendKeys({ press: 'Enter' });
    await until(() => editor() !== null, 'reopened');
    expect(editor()!.value).to.equal('Hi and more');
    el.addEventListener('message-edit', (event) => event.preventDefault(), { once: true });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(editor()!.value).to.equal('Hi and more');
    expect(contents(el.messages)).to.deep.equal(['Hi', 'Hello **there**, `code` and\n\n- a list']);
    root.querySelector<HTMLButtonElement>('[part=editor-cancel-button]')!.click();
    await el.updateComplete;
    expect(editor()).to.equal(null);
    expect(draft.value).to.equal('my unsent draft');
  });

  it('switching versions changes what the next request sends (as the server sees it)', async () => {
    const { el, log } = await sseChat();
    await ask(el, 'First');
    button(el, el.messages[0], 'edit-button').click();
    await el.updateComplete;
    const editor = el.shadowRoot!.querySelector<HTMLTextAreaElement>('[part=editor-input]')!;
    editor.value = 'Second';
    editor.dispatchEvent(new InputEvent('input'));
    const ended = oneEvent(el, 'stream-end');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=editor-send-button]')!.click();
    await ended;
    await settled(el);
    const head = el.messages[0]!;
    const switched = oneEvent(el, 'message-version') as Promise<MessageVersionEvent>;
    button(el, head, 'previous-version-button').click();
    const event = await switched;
    expect([event.bubbles, event.composed, event.cancelable]).to.deep.equal([true, true, true]);
    expect(event.detail).to.deep.equal({ id: head.id, message: head, from: 1, to: 0, count: 2 });
    await settled(el);
    expect(contents(el.messages)).to.deep.equal(['First', 'Answer 1 to: First']);
    expect(label(el, el.messages[0])).to.equal('1 / 2');
    expect(button(el, el.messages[0], 'previous-version-button').ariaDisabled).to.equal('true');
    await ask(el, 'Then?');
    const requests = await seen(log);
    expect(contents(requests[2]!.messages)).to.deep.equal(['First', 'Answer 1 to: First', 'Then?']);
    // And back: the later version comes with what followed it.
    button(el, el.messages[0], 'next-version-button').click();
    await settled(el);
    expect(contents(el.messages)).to.deep.equal(['Second', 'Answer 2 to: Second']);
    el.addEventListener('message-version', (e) => e.preventDefault(), { once: true });
    button(el, el.messages[0], 'previous-version-button').click();
    await el.updateComplete;
    expect(contents(el.messages)).to.deep.equal(['Second', 'Answer 2 to: Second']);
    button(el, el.messages[0], 'previous-version-button').click();
    await settled(el);
    expect(contents(el.messages)).to.deep.equal([
      'First',
      'Answer 1 to: First',
      'Then?',
      'Answer 3 to: Then?',
    ]);
  });

  it('while a reply streams, actions that would start another are disabled; Stop works; the edit is kept', async () => {
    const { el, root } = await sseChat({ hold: true });
    el.endpoint = el.endpoint.replace('&hold=1', '');
    await ask(el, 'One');
    const ended = oneEvent(el, 'stream-end');
    button(el, el.messages[1], 'regenerate-button').click();
    await ended;
    await settled(el);
    el.endpoint += '&hold=1';
    button(el, el.messages[0], 'edit-button').click();
    await el.updateComplete;
    const editor = root.querySelector<HTMLTextAreaElement>('[part=editor-input]')!;
    editor.value = 'One, edited';
    editor.dispatchEvent(new InputEvent('input'));
    const token = oneEvent(el, 'stream-token');
    void el.send('Two');
    await token;
    await el.updateComplete;
    expect(root.querySelector<HTMLButtonElement>('[part=editor-send-button]')!.disabled).to.equal(
      true,
    );
    editor.focus();
    await sendKeys({ press: 'Enter' });
    expect(button(el, el.messages[1], 'regenerate-button').disabled).to.equal(true);
    expect(button(el, el.messages[1], 'previous-version-button').ariaDisabled).to.equal('true');
    button(el, el.messages[1], 'previous-version-button').click();
    expect(el.messages[1]!.content).to.equal('Answer 2 to: One');
    await expect(el).to.be.accessible();
    const aborted = oneEvent(el, 'stream-abort');
    root.querySelector('stop-button')!.shadowRoot!.querySelector('button')!.click();
    await aborted;
    await el.updateComplete;
    expect(editor.value).to.equal('One, edited');
    expect(root.querySelector<HTMLButtonElement>('[part=editor-send-button]')!.disabled).to.equal(
      false,
    );
    expect(contents(el.messages)).to.deep.equal(['One', 'Answer 2 to: One', 'Two', 'Answer ']);
  });

  it('a regeneration that fails before any text puts the old answer back, and Retry tries again', async () => {
    const { el, transport, root } = await manualChat('The answer');
    const before = el.messages;
    button(el, before[1], 'regenerate-button').click();
    await until(() => transport.requests.length === 2, 'asked again');
    expect(contents(transport.requests[1]!.messages)).to.deep.equal(['Hi']);
    const failed = oneEvent(el, 'stream-error');
    transport.fail(new StreamError('http', 'Overloaded', { status: 503 }));
    await failed;
    await el.updateComplete;
    expect(el.messages).to.deep.equal(before);
    expect(root.querySelector('[part=error] [role=alert]')!.textContent).to.equal('Overloaded');
    root.querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
    await until(() => transport.requests.length === 3, 'retried');
    transport.text('Another answer');
    const ended = oneEvent(el, 'stream-end');
    transport.push({ type: 'finish' });
    await ended;
    expect(contents(el.messages)).to.deep.equal(['Hi', 'Another answer']);
    expect(contents(el.messages[1]!.versions!.others[0]!)).to.deep.equal(['The answer']);
  });

  it('an edit whose answer fails keeps the edited question, its versions and the composer draft', async () => {
    const { el, transport, root } = await manualChat('The answer');
    const input = root.querySelector<HTMLTextAreaElement>('[part=input]')!;
    input.value = 'half-typed';
    const ended = oneEvent(el, 'stream-end');
    void el.edit(el.messages[0]!.id!, 'Hi, edited');
    await until(() => transport.requests.length === 2, 'sent');
    transport.text('Edited answer');
    transport.push({ type: 'finish' });
    await ended;
    const failed = oneEvent(el, 'stream-error');
    void el.edit(el.messages[0]!.id!, 'Hi, edited again');
    await until(() => transport.requests.length === 3, 'sent');
    transport.fail(new StreamError('network', 'Offline'));
    await failed;
    await el.updateComplete;
    expect(contents(el.messages)).to.deep.equal(['Hi, edited again']);
    expect(label(el, el.messages[0])).to.equal('3 / 3');
    expect(input.value).to.equal('half-typed');
    root.querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
    await until(() => transport.requests.length === 4, 'retried');
    expect(contents(transport.requests[3]!.messages)).to.deep.equal(['Hi, edited again']);
    el.stop();
  });

  it('keeps versions and feedback across a reload with persist', async () => {
    const key = 'sce-test-actions';
    localStorage.removeItem(key);
    try {
      const first = await sseChat({ persist: key });
      await ask(first.el, 'Remember');
      const ended = oneEvent(first.el, 'stream-end');
      button(first.el, first.el.messages[1], 'regenerate-button').click();
      await ended;
      await settled(first.el);
      button(first.el, first.el.messages[1], 'bad-button').click();
      await until(() => localStorage.getItem(key)?.includes('"feedback":"down"'), 'saved');
      const saved = first.el.messages;
      first.el.remove();

      const second = await sseChat({ persist: key });
      await until(() => second.el.messages.length === 2, 'the conversation is back');
      await settled(second.el);
      expect(second.el.messages).to.deep.equal(saved);
      const answer = second.el.messages[1]!;
      expect(answer.feedback).to.equal('down');
      expect(label(second.el, answer)).to.equal('2 / 2');
      expect(button(second.el, answer, 'bad-button').ariaPressed).to.equal('true');
      button(second.el, answer, 'previous-version-button').click();
      await settled(second.el);
      expect(second.el.messages[1]!.content).to.equal('Answer 1 to: Remember');
      await until(() => localStorage.getItem(key)?.includes('"index":0'), 'the switch saved');
    } finally {
      localStorage.removeItem(key);
    }
  });

  it('works by keyboard alone: Tab to every action, Space and Enter to use it', async () => {
    const { el, log } = await sseChat();
    await ask(el, 'Keys');
    const input = el.shadowRoot!.querySelector<HTMLTextAreaElement>('[part=input]')!;
    input.focus();
    const parts = () => active(el)?.getAttribute('part');
    await sendKeys({ press: 'Shift+Tab' });
    expect(parts()).to.equal('action-button regenerate-button');
    await sendKeys({ press: 'Shift+Tab' });
    expect(parts()).to.equal('action-button bad-button');
    await sendKeys({ press: 'Shift+Tab' });
    expect(parts()).to.equal('action-button good-button');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.messages[1]!.feedback).to.equal('up');
    // The row is shown while it holds the focus.
    const actions = row(el, el.messages[1]);
    expect(getComputedStyle(actions).opacity).to.equal('1');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    const ended = oneEvent(el, 'stream-end');
    await sendKeys({ press: 'Enter' });
    await ended;
    await settled(el);
    expect(el.messages[1]!.content).to.equal('Answer 2 to: Keys');
    // Focus went to the list; Tab reaches the Edit button of the question, then the versions.
    await sendKeys({ press: 'Tab' });
    expect(parts()).to.equal('action-button edit-button');
    await sendKeys({ press: 'Enter' });
    await until(() => parts() === 'editor-input', 'editing');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' again' });
    const edited = oneEvent(el, 'stream-end');
    await sendKeys({ press: 'Enter' });
    await edited;
    await settled(el);
    expect(contents(el.messages)).to.deep.equal(['Keys again', 'Answer 3 to: Keys again']);
    input.blur();
    el.shadowRoot!.querySelector<HTMLElement>('[part=messages]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(parts()).to.equal('action-button previous-version-button');
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(contents(el.messages)).to.deep.equal(['Keys', 'Answer 2 to: Keys']);
    expect(parts()).to.equal('action-button previous-version-button');
    expect((await seen(log)).length).to.equal(3);
  });

  it('replaces every label through `strings`, and mirrors the version arrows right to left', async () => {
    const { el } = await manualChat();
    el.strings = {
      copyMessage: 'Kopieren',
      good: 'Gut',
      bad: 'Schlecht',
      regenerate: 'Neu',
      edit: 'Ändern',
      messageActions: 'Aktionen',
      previousVersion: 'Zurück',
      nextVersion: 'Weiter',
      version: '{index} von {count}',
      versionLabel: 'Fassung {index} von {count}',
      editInput: 'Frage ändern',
      editSend: 'Los',
      editCancel: 'Lassen',
    };
    el.dir = 'rtl';
    el.messages = [
      ...el.messages.slice(0, 1),
      {
        ...el.messages[1]!,
        versions: { index: 1, others: [[{ role: 'assistant', content: 'Old', id: 'old' }]] },
      },
    ];
    await el.updateComplete;
    const answer = el.messages[1];
    const names = [...row(el, answer).querySelectorAll('button')].map((b) => b.ariaLabel);
    expect(names).to.deep.equal(['Zurück', 'Weiter', 'Kopieren', 'Gut', 'Schlecht', 'Neu']);
    expect(row(el, answer).ariaLabel).to.equal('Aktionen');
    expect(label(el, answer)).to.equal('2 von 2');
    expect(row(el, answer).textContent).to.contain('Fassung 2 von 2');
    const arrow = row(el, answer).querySelector('.flip')!;
    expect(getComputedStyle(arrow).scale).to.equal('-1 1');
    button(el, el.messages[0], 'edit-button').click();
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('[part=editor-input]')!.ariaLabel).to.equal('Frage ändern');
    expect(root.querySelector('[part=editor-send-button]')!.textContent!.trim()).to.equal('Los');
    expect(root.querySelector('[part=editor-cancel-button]')!.textContent!.trim()).to.equal(
      'Lassen',
    );
    await expect(el).to.be.accessible();
  });

  it('shows the actions on hover and focus, and always on touch screens', async () => {
    const { el } = await manualChat();
    const sheets = (el.constructor as typeof StreamChat).styles as CSSStyleSheet[] | unknown;
    const rules = [el.shadowRoot!.adoptedStyleSheets, sheets]
      .flat()
      .flatMap((sheet) => [...((sheet as CSSStyleSheet).cssRules ?? [])]);
    const touch = rules.find(
      (rule): rule is CSSMediaRule =>
        rule instanceof CSSMediaRule && rule.conditionText === '(hover: none)',
    );
    expect(touch!.cssText).to.contain('message-actions').and.contain('opacity: 1');
    // Not the last row: faded until hovered or focused.
    void el.send('Next');
    await until(() => el.messages.length === 3, 'asked');
    await el.updateComplete;
    const actions = row(el, el.messages[1]);
    expect(getComputedStyle(actions).opacity).to.equal('0');
    button(el, el.messages[1], 'copy-message-button').focus();
    expect(getComputedStyle(actions).opacity).to.equal('1');
    el.stop();
  });
});
