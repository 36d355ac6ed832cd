import type { Meta, StoryObj } from '@storybook/web-components-vite';
import {
  mockTransport,
  textSteps,
  type ChatRequest,
  type ChatTransport,
  type MockStep,
  type StreamChat,
  type ToolCallRequest,
} from 'stream-chat-elements';
import { element, pause } from './render.js';

type Story = StoryObj;

const WEATHER = {
  name: 'get_weather',
  description: 'The current weather of a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const ARGS = '{"city": "Lisbon", "unit": "celsius"}';

/** The model calls get_weather (its arguments streaming a few characters at a time); once the result is back it answers with it. */
function weatherModel(delay: number): ChatTransport {
  return mockTransport({
    delay,
    script: (request: ChatRequest): MockStep[] => {
      const result = request.messages.at(-1);
      if (result?.role === 'tool') {
        return textSteps(`Lisbon: **${result.content}**. A good day for a walk by the river.`);
      }
      const pieces = ARGS.match(/.{1,3}/g) ?? [];
      return [
        { type: 'text', text: 'Let me look that up.' },
        { type: 'tool-call-delta', id: 'call_1', name: 'get_weather', argsDelta: '' },
        ...pieces.map(
          (argsDelta) =>
            ({ type: 'tool-call-delta', id: 'call_1', name: 'get_weather', argsDelta }) as const,
        ),
        { type: 'tool-call', id: 'call_1', name: 'get_weather', args: ARGS },
        { type: 'finish', reason: 'tool_calls' },
      ];
    },
  });
}

const chat =
  (transport: ChatTransport, setup: (chat: StreamChat) => void = () => {}) =>
  (args: Record<string, unknown>) =>
    element('stream-chat', args, (created) => {
      created.transport = transport;
      created.tools = [WEATHER];
      created.style.height = '32rem';
      setup(created);
    });

const ask: Story['play'] = async ({ canvasElement }) => {
  const found = canvasElement.querySelector('stream-chat');
  if (!found) return;
  await found.updateComplete;
  await found.send('What is the weather in Lisbon?');
};

const meta: Meta = {
  title: 'Elements/stream-chat/Tools and sources',
  component: 'stream-chat',
};
export default meta;

/** The card appears with the tool's name as soon as the call is announced; its arguments grow as they stream, and it says "Running…" while the page's tool takes its time. */
export const ToolCallStreaming: Story = {
  name: 'Tool call streaming',
  render: chat(weatherModel(120), (created) => {
    created.onToolCall = () => new Promise(() => undefined);
  }),
  play: ask,
};

/** The page's handler returns a result: it goes back to the model, and the continuation streams into the same turn. The result is collapsed under the card. */
export const ToolCallDone: Story = {
  name: 'Tool call done',
  render: chat(weatherModel(20), (created) => {
    created.onToolCall = async (call: ToolCallRequest) => {
      await pause(600);
      return { city: (call.input as { city: string }).city, temperature: 23, sky: 'clear' };
    };
  }),
  play: ask,
};

/** The handler throws: the model gets the error as the result, the card says "Failed", the chat stays usable. */
export const ToolCallFailed: Story = {
  name: 'Tool call failed',
  render: chat(weatherModel(20), (created) => {
    created.onToolCall = async () => {
      await pause(400);
      throw new Error('The weather service is unreachable.');
    };
  }),
  play: ask,
};

/** Sources the answer cites, as a numbered list of links under it (unsafe URLs are listed as text). */
export const Sources: Story = {
  render: chat(
    mockTransport({
      delay: 30,
      script: [
        ...textSteps(
          'Streaming UIs render tokens as they arrive [1], and keep the scroll position steady [2].',
        ).slice(0, -1),
        {
          type: 'source',
          url: 'https://developer.mozilla.org/docs/Web/API/Server-sent_events',
          title: 'Server-sent events (MDN)',
        },
        { type: 'source', url: 'https://html.spec.whatwg.org/multipage/server-sent-events.html' },
        { type: 'source', url: 'javascript:alert(1)', title: 'A javascript: URL, listed as text' },
        { type: 'usage', inputTokens: 42, outputTokens: 24 },
        { type: 'finish', reason: 'stop' },
      ],
    }),
  ),
  play: ask,
};
