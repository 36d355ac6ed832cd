import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { StreamChat } from '../../src/index.js';

/** The rendered height of the user bubble in lines of its own text. */
function userBubbleLines(chat: StreamChat): number {
  const bubble = chat.shadowRoot!.querySelector<HTMLElement>('[part~="user-message"]')!;
  const style = getComputedStyle(bubble);
  const lineHeight = parseFloat(getComputedStyle(bubble.querySelector('.text')!).lineHeight);
  const inner =
    bubble.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  return inner / lineHeight;
}

/** Rendered and laid out: finished messages use content-visibility, which sizes them a frame later. */
async function settle(chat: StreamChat): Promise<void> {
  await chat.updateComplete;
  for (let i = 0; i < 3; i += 1) await new Promise(requestAnimationFrame);
}

describe('<stream-chat> layout', () => {
  it('a one-line question is a one-line bubble: template whitespace is not shown', async () => {
    const chat = await fixture<StreamChat>(
      html`<stream-chat style="line-height: 20px"></stream-chat>`,
    );
    chat.messages = [{ role: 'user', content: 'Hello' }];
    await settle(chat);
    expect(userBubbleLines(chat)).to.be.closeTo(1, 0.3);
  });

  it('keeps the line breaks the user typed', async () => {
    const chat = await fixture<StreamChat>(
      html`<stream-chat style="line-height: 20px"></stream-chat>`,
    );
    chat.messages = [{ role: 'user', content: 'one\ntwo\nthree' }];
    await settle(chat);
    expect(userBubbleLines(chat)).to.be.closeTo(3, 0.3);
  });
});
