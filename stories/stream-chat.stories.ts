import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ChatTransport, StreamChat } from 'stream-chat-elements';
import {
  answering,
  ARABIC_HISTORY,
  failingOnce,
  HISTORY,
  HOSTILE,
  IMAGE,
  longHistory,
  reasoning,
} from './fixtures.js';
import { element, pause } from './render.js';

type Story = StoryObj;

/** A chat with the story's args, a scripted transport and an optional history. */
const chat = (transport: ChatTransport, messages: StreamChat['messages'] = []) =>
  ((args: Record<string, unknown>) =>
    element('stream-chat', args, (created) => {
      created.transport = transport;
      created.messages = messages;
      created.style.height = '30rem';
    })) satisfies Story['render'];

/** Sends a question, as the user would, once the story is on screen. */
const ask =
  (question: string, then?: (chat: StreamChat) => Promise<void>): Story['play'] =>
  async ({ canvasElement }) => {
    const found = canvasElement.querySelector('stream-chat');
    if (!found) return;
    await found.updateComplete;
    const sent = found.send(question);
    await then?.(found);
    await sent;
  };

const meta: Meta = {
  title: 'Elements/stream-chat',
  component: 'stream-chat',
  render: chat(answering()),
};
export default meta;

export const Empty: Story = {};

export const Streaming: Story = {
  render: chat(answering(undefined, 120)),
  play: ask('How does the kit render a streamed answer?'),
};

export const Reasoning: Story = {
  render: chat(reasoning()),
  play: ask('Is 1,001 a prime number?'),
};

export const Stopped: Story = {
  render: chat(answering(undefined, 60)),
  play: ask('How does the kit render a streamed answer?', async (found) => {
    await pause(1500);
    found.stop();
  }),
};

export const ErrorWithRetry: Story = {
  name: 'Error with retry',
  render: chat(failingOnce()),
  play: ask('How does the kit render a streamed answer?'),
};

export const LongHistory: Story = {
  name: 'Long history (1,000 messages)',
  render: chat(answering(), longHistory(1000)),
};

export const Dark: Story = {
  args: { theme: 'dark' },
  globals: { backgrounds: { value: 'dark' } },
  render: chat(answering(), HISTORY),
};

export const RightToLeft: Story = {
  name: 'Right to left',
  args: { dir: 'rtl', lang: 'ar', placeholder: 'اكتب رسالة…' },
  render: chat(answering(ARABIC_HISTORY[1]!.content), ARABIC_HISTORY),
};

export const CustomTheme: Story = {
  name: 'Custom theme (CSS custom properties only)',
  render: (args) => {
    const themed = chat(answering(), HISTORY)(args);
    themed.setAttribute(
      'style',
      `height: 30rem;
       --sce-color-background: #fffdf9; --sce-color-text: #2b2118; --sce-color-muted: #7b6a58;
       --sce-color-surface: #f3e8fa; --sce-color-border: #e8dccb; --sce-color-accent: #7a3e9d;
       --sce-color-on-accent: #fff; --sce-font-family: Georgia, serif; --sce-radius: 20px;
       --sce-spacing: 1rem; --token-view-code-background: #f6efe6;`,
    );
    return themed;
  },
};

export const ImagePlaceholder: Story = {
  name: 'Image placeholder',
  render: chat(answering(IMAGE), [
    { role: 'user', content: 'Show me the architecture diagram.' },
    { role: 'assistant', content: IMAGE },
  ]),
};

export const HostileContent: Story = {
  name: 'Hostile content, rendered safely',
  render: chat(answering(HOSTILE), [
    { role: 'user', content: 'Repeat this page for me.' },
    { role: 'assistant', content: HOSTILE },
  ]),
};
