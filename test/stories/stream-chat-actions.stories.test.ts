import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { StreamChat, TokenView } from '../../src/index.js';
import * as stories from '../../stories/stream-chat-actions.stories.js';
import { until } from '../controllers/manual-transport.js';

type Story = {
  name?: string;
  args?: Record<string, unknown>;
  render?: (args: Record<string, unknown>) => HTMLElement;
  play?: (context: { canvasElement: HTMLElement }) => Promise<void>;
};

const meta = stories.default as Story;
const entries = Object.entries(stories).filter(([name]) => name !== 'default') as [string, Story][];

/** Every message-actions story renders its state, and each state is axe clean. */
describe('stories/stream-chat-actions.stories.ts', function () {
  this.timeout(15_000);
  for (const [name, story] of entries) {
    it(`${story.name ?? name} renders and is accessible`, async () => {
      const canvas = await fixture<HTMLElement>(html`<div></div>`);
      const render = story.render ?? meta.render!;
      canvas.append(render({ ...meta.args, ...story.args }));
      const chat = canvas.querySelector('stream-chat') as StreamChat;
      await chat.updateComplete;
      await story.play?.({ canvasElement: canvas });
      await chat.updateComplete;
      await Promise.all(
        [...chat.shadowRoot!.querySelectorAll<TokenView>('token-view')].map(
          (v) => v.updateComplete,
        ),
      );
      await until(() => chat.shadowRoot!.querySelector('[part~=message-actions]'), 'actions');
      await expect(chat).to.be.accessible();
      chat.stop();
    });
  }
});
