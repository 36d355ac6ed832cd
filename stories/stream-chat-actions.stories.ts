import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ChatMessage, ChatTransport, StreamChat } from 'stream-chat-elements';
import { ANSWER, answering, ARABIC_HISTORY, HISTORY, REASONED_ANSWER } from './fixtures.js';
import { element, pause } from './render.js';

// The actions under each message: copy, Good / Bad, regenerate, edit, and the ‹ 2 / 3 ›
// versions of a turn. Every `message-*` event reaches the Actions panel.

type Story = StoryObj;

const chat = (transport: ChatTransport, messages: ChatMessage[]) =>
  ((args: Record<string, unknown>) =>
    element('stream-chat', args, (created) => {
      created.transport = transport;
      created.messages = messages;
      created.style.height = '30rem';
    })) satisfies Story['render'];

const found = (canvas: HTMLElement) => canvas.querySelector('stream-chat') as StreamChat;

/** Clicks the first button with `part` in the chat, once it is on screen. */
const click =
  (part: string, then?: (chat: StreamChat) => Promise<void>): Story['play'] =>
  async ({ canvasElement }) => {
    const el = found(canvasElement);
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~=${part}]`)?.click();
    await then?.(el);
  };

const QUESTION = HISTORY[0]!.content;

/** A turn answered three times: the third answer is shown, the two before are its versions. */
const REGENERATED: ChatMessage[] = [
  { role: 'user', content: 'Is 1,001 a prime number?', id: 'q' },
  {
    role: 'assistant',
    content: REASONED_ANSWER,
    id: 'a3',
    feedback: 'up',
    versions: {
      index: 2,
      others: [
        [{ role: 'assistant', content: 'Yes, 1,001 is prime.', id: 'a1', feedback: 'down' }],
        [{ role: 'assistant', content: 'It is divisible by 7, so no.', id: 'a2' }],
      ],
    },
  },
];

/** A question edited once: the edited one is shown, the first wording is version 1. */
const EDITED: ChatMessage[] = [
  {
    role: 'user',
    content: QUESTION,
    id: 'q2',
    versions: {
      index: 1,
      others: [
        [
          { role: 'user', content: 'How does it render?', id: 'q1' },
          { role: 'assistant', content: 'Which “it” do you mean?', id: 'a1' },
        ],
      ],
    },
  },
  { role: 'assistant', content: ANSWER, id: 'a2' },
];

const meta: Meta = {
  title: 'Elements/stream-chat/Message actions',
  component: 'stream-chat',
  render: chat(answering(), HISTORY),
};
export default meta;

/** Hover an answer or Tab to its actions; on touch screens they are always shown. */
export const Actions: Story = {};

export const Copied: Story = {
  play: click('copy-message-button'),
};

export const Feedback: Story = {
  name: 'Feedback (Good pressed)',
  play: click('good-button'),
};

export const Regenerating: Story = {
  name: 'Regenerate (streams; actions that would start a reply are disabled)',
  render: chat(answering(ANSWER, 80), HISTORY),
  play: click('regenerate-button'),
};

export const Versions: Story = {
  name: 'Versions of an answer (3 / 3)',
  render: chat(answering(), REGENERATED),
};

export const Editing: Story = {
  name: 'Editing a question inline',
  play: click('edit-button', async (el) => {
    await pause(300);
    const editor = el.shadowRoot!.querySelector<HTMLTextAreaElement>('[part=editor-input]');
    if (editor) editor.value = `${editor.value} Keep it short.`;
  }),
};

export const EditedQuestion: Story = {
  name: 'Versions of an edited question (2 / 2)',
  render: chat(answering(), EDITED),
};

export const CopyOnly: Story = {
  name: 'Only some actions (actions="copy")',
  args: { actions: 'copy' },
};

export const RightToLeft: Story = {
  name: 'Right to left, with versions',
  args: { dir: 'rtl', lang: 'ar' },
  render: chat(answering(), [
    ARABIC_HISTORY[0]!,
    {
      ...ARABIC_HISTORY[1]!,
      versions: { index: 1, others: [[{ role: 'assistant', content: 'إجابة سابقة.' }]] },
    },
  ]),
};
