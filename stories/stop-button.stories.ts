import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { answering } from './fixtures.js';
import { element } from './render.js';

type Story = StoryObj;

/** A chat and, outside it, a stop button that controls it through `for`. */
const withChat = (args: Record<string, unknown>) => {
  const wrapper = document.createElement('div');
  wrapper.style.display = 'grid';
  wrapper.style.gap = '0.75rem';
  const chat = element('stream-chat', {}, (created) => {
    created.id = 'story-chat';
    created.transport = answering(undefined, 80);
    created.style.height = '20rem';
  });
  wrapper.append(element('stop-button', { htmlFor: 'story-chat', ...args }), chat);
  return wrapper;
};

const meta: Meta = {
  title: 'Elements/stop-button',
  component: 'stop-button',
  render: withChat,
};
export default meta;

/** Disabled: nothing streams. */
export const Idle: Story = {};

/** Enabled while the chat it names streams; clicking it stops the reply. */
export const Streaming: Story = {
  play: async ({ canvasElement }) => {
    const chat = canvasElement.querySelector('stream-chat');
    await chat?.updateComplete;
    void chat?.send('How does the kit render a streamed answer?');
  },
};

export const CustomLabel: Story = {
  name: 'Custom label',
  args: { label: 'Arrêter la génération' },
};
