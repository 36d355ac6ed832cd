import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { StreamChat, ToolCallRequest } from '../../src/index.js';
import { until } from '../controllers/manual-transport.js';

// Against test/server/routes/tools.mjs: the server streams a call of `get_weather`, checks that
// the next request carries the call and its result in the protocol's own shape, and answers
// with the result; a wrong shape is a stream error naming what was wrong.

const weather = {
  name: 'get_weather',
  description: 'The weather of a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const cases = [
  { protocol: 'openai', transport: 'sse', endpoint: '/mock/tools/openai' },
  { protocol: 'anthropic', transport: 'sse', endpoint: '/mock/tools/anthropic' },
  { protocol: 'openai-responses', transport: 'sse', endpoint: '/mock/tools/openai-responses' },
  { protocol: 'ollama', transport: 'ndjson', endpoint: '/mock/tools/ollama' },
  { protocol: 'ai-sdk', transport: 'sse', endpoint: '/mock/tools/ai-sdk' },
  { protocol: 'openai', transport: 'websocket', endpoint: '/mock/tools/ws' },
] as const;

describe('<stream-chat> tool round trips with a real server', function () {
  this.timeout(15_000);

  for (const { protocol, transport, endpoint } of cases) {
    it(`${protocol} over ${transport}: the page runs the tool, the server checks the result's shape, the continuation streams into the turn`, async () => {
      const calls: ToolCallRequest[] = [];
      const el = await fixture<StreamChat>(
        html`<stream-chat
          .endpoint=${endpoint}
          protocol=${protocol}
          transport=${transport}
          .tools=${[weather]}
          .onToolCall=${(call: ToolCallRequest) => {
            calls.push(call);
            return { temperature: 21 };
          }}
        ></stream-chat>`,
      );
      const errors: string[] = [];
      el.addEventListener('stream-error', (event) => errors.push(event.detail.error.message));
      await el.send('Weather in Paris?');
      expect(errors).to.deep.equal([]);
      expect(calls.map(({ id, name, input }) => ({ id, name, input }))).to.deep.equal([
        // Ollama's calls have no ids: the decoder numbers them.
        {
          id: protocol === 'ollama' ? 'call_1' : 'call_w1',
          name: 'get_weather',
          input: { city: 'Paris' },
        },
      ]);
      expect(el.messages.map((m) => m.role)).to.deep.equal([
        'user',
        'assistant',
        'tool',
        'assistant',
      ]);
      expect(el.messages[1]!.content).to.equal('Let me check. ');
      expect(el.messages.at(-1)!.content).to.equal('Paris: {"temperature":21}');
      await until(() => el.shadowRoot!.querySelector('[part~=tool-call]'));
      const card = el.shadowRoot!.querySelector('[part~=tool-call]')!;
      expect(card.getAttribute('part')).to.equal('tool-call tool-call-done');
      expect(card.querySelector('[part=tool-call-args]')!.textContent).to.equal(
        '{\n  "city": "Paris"\n}',
      );
    });
  }

  it('dify: the second question carries the conversation_id of the first answer; clear() starts afresh', async () => {
    const el = await fixture<StreamChat>(
      html`<stream-chat endpoint="/mock/tools/dify" protocol="dify"></stream-chat>`,
    );
    const errors: string[] = [];
    el.addEventListener('stream-error', (event) => errors.push(event.detail.error.message));
    await el.send('Hello');
    const id = el.messages.at(-1)!.meta?.conversationId;
    expect(id).to.match(/^conv-/);
    expect(el.messages.at(-1)!.content).to.equal('Hello, new conversation.');
    await el.send('And then?');
    expect(el.messages.at(-1)!.content).to.equal(`Continuing ${id}`);
    // The same conversation goes on under the same id.
    expect(el.messages.at(-1)!.meta?.conversationId).to.equal(id);
    el.clear();
    const ended = oneEvent(el, 'stream-end');
    await el.send('Anew');
    expect((await ended).detail.message.content).to.equal('Hello, new conversation.');
    expect(errors).to.deep.equal([]);
    await until(() => !el.streaming);
  });
});
