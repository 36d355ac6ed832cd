import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { ChatMessage, StreamChat } from '../../src/index.js';
import { ManualTransport, frames, until } from '../controllers/manual-transport.js';

function history(count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    role: i % 2 ? 'assistant' : 'user',
    content: i % 2 ? `Answer ${i}\n\nWith a second paragraph.` : `Question ${i}`,
  }));
}

async function chat(messages: ChatMessage[] = history(30)) {
  const transport = new ManualTransport();
  const el = await fixture<StreamChat>(
    html`<stream-chat
      style="height: 320px"
      .transport=${transport}
      .messages=${messages}
    ></stream-chat>`,
  );
  const root = el.shadowRoot!;
  const log = root.querySelector<HTMLElement>('[part=messages]')!;
  await frames(3);
  return { el, transport, root, log };
}

/** Scrolls the way a reader does: the wheel turn first, then the scroll it causes. */
async function wheelTo(log: HTMLElement, top: number): Promise<void> {
  log.dispatchEvent(new WheelEvent('wheel', { deltaY: top - log.scrollTop }));
  log.scrollTop = top;
  await frames(2);
}

const gap = (log: HTMLElement) => log.scrollHeight - log.clientHeight - log.scrollTop;
const rows = (root: ShadowRoot) => [...root.querySelectorAll<HTMLElement>('[part~=message]')];

async function streamLines(transport: ManualTransport, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i += 1) {
    transport.text(`Line ${i} of a long streamed answer.\n\n`);
    await frames(2);
  }
}

describe('<stream-chat> scrolling', function () {
  this.timeout(15_000);
  it('opens a history at the bottom and stays there while an answer streams', async () => {
    const { el, transport, log } = await chat();
    expect(log.scrollTop).to.be.above(0);
    expect(gap(log)).to.be.at.most(1);
    void el.send('Tell me a long story');
    await until(() => transport.requests.length === 1);
    for (let i = 0; i < 10; i += 1) {
      await streamLines(transport, 1, i);
      // Rendering and following take a few frames on a loaded machine: the view must come back
      // to the bottom after every line (a chat that stopped following never does).
      await until(() => gap(log) <= 1, `at the bottom after line ${i}`);
    }
    expect(gap(log)).to.be.at.most(1);
  });

  it('stops following the moment the reader scrolls up, and "Jump to latest" brings them back', async () => {
    const { el, transport, root, log } = await chat();
    void el.send('Go on');
    await until(() => transport.requests.length === 1);
    await streamLines(transport, 3);
    expect(root.querySelector('[part=jump-button]')).to.equal(null);
    await wheelTo(log, log.scrollTop - 200);
    await el.updateComplete;
    const jump = root.querySelector<HTMLButtonElement>('[part=jump-button]')!;
    expect(jump.textContent).to.equal('Jump to latest');
    const top = log.scrollTop;
    await streamLines(transport, 5, 3);
    expect(log.scrollTop, 'the text being read does not move').to.equal(top);
    jump.click();
    await until(() => gap(log) <= 1, 'back at the bottom', { timeout: 5000 });
    await el.updateComplete;
    expect(root.querySelector('[part=jump-button]')).to.equal(null);
    expect(root.activeElement).to.equal(log);
    await streamLines(transport, 3, 8);
    expect(gap(log)).to.be.at.most(1);
  });

  it('stops following on keyboard scrolling inside the list', async () => {
    const { el, transport, log } = await chat();
    void el.send('Go on');
    await until(() => transport.requests.length === 1);
    log.focus();
    await sendKeys({ press: 'PageUp' });
    await streamLines(transport, 4);
    expect(gap(log)).to.be.above(100);
  });

  it('does not jump when content above the reader reflows', async () => {
    const { root, log } = await chat();
    await wheelTo(log, log.scrollHeight / 2);
    const visible = rows(root).find(
      (row) => row.getBoundingClientRect().top > log.getBoundingClientRect().top,
    )!;
    const before = visible.getBoundingClientRect().top;
    const above = rows(root)[rows(root).indexOf(visible) - 2]!;
    above.style.height = `${above.offsetHeight + 150}px`;
    await frames(2);
    expect(Math.abs(visible.getBoundingClientRect().top - before)).to.be.at.most(1);
  });

  it('sends a new message back to the bottom even when the reader had scrolled up', async () => {
    const { el, transport, log } = await chat();
    await wheelTo(log, 0);
    void el.send('New question');
    await until(() => transport.requests.length === 1);
    await frames(2);
    expect(gap(log)).to.be.at.most(1);
  });

  it('renders the tail of a long history first and older messages as the reader scrolls back', async () => {
    const { el, root, log } = await chat(history(1000));
    expect(rows(root)).to.have.length(50);
    expect(rows(root)[0]!.textContent).to.contain('Question 950');
    expect(gap(log)).to.be.at.most(1);
    const earlier = root.querySelector<HTMLButtonElement>('[part=earlier-button]')!;
    expect(earlier.textContent).to.equal('Show earlier messages');

    const anchor = rows(root)[0]!;
    log.dispatchEvent(new WheelEvent('wheel', { deltaY: -log.scrollTop }));
    log.scrollTop = 0;
    const before = anchor.getBoundingClientRect().top;
    await frames(3);
    await el.updateComplete;
    await frames(2);
    expect(rows(root).length).to.be.at.least(100);
    expect(rows(root)).to.include(anchor);
    expect(
      Math.abs(anchor.getBoundingClientRect().top - before),
      'the reader stays on the message they were reading',
    ).to.be.at.most(2);
    earlier.click();
    await el.updateComplete;
    expect(rows(root).length).to.be.at.least(150);
  });

  it('lets the browser skip finished messages while they are off screen', async () => {
    const { el, transport, root } = await chat();
    expect(getComputedStyle(rows(root)[0]!).contentVisibility).to.equal('auto');
    void el.send('Hi');
    await until(() => transport.requests.length === 1);
    transport.text('streaming');
    await until(() => rows(root).at(-1)!.getAttribute('aria-busy') === 'true');
    expect(getComputedStyle(rows(root).at(-1)!).contentVisibility).to.equal('visible');
  });
});
