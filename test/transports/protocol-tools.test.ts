import { expect } from '@open-wc/testing';
import { loadProtocol, type ProtocolName } from '../../src/transports/protocols/index.js';
import type { ChatRequest, StreamError, StreamPart } from '../../src/transports/index.js';

const json = (value: unknown) => JSON.stringify(value);

async function decode(protocol: ProtocolName, frames: (string | null)[]) {
  const decoder = (await loadProtocol(protocol)).decoder();
  const parts: StreamPart[] = [];
  for (const data of frames) parts.push(...(data === null ? decoder() : decoder({ data })));
  return parts;
}

async function body(protocol: ProtocolName, request: ChatRequest) {
  return JSON.parse(JSON.stringify((await loadProtocol(protocol)).body(request))) as Record<
    string,
    unknown
  >;
}

/** A conversation after one tool round: the question, the call, its result (and a failed one). */
const round: ChatRequest = {
  model: 'm',
  tools: [
    {
      name: 'get_weather',
      description: 'Weather of a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
    },
  ],
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Weather in Paris and Rome?' },
    {
      id: 'a1',
      role: 'assistant',
      content: 'Checking.',
      toolCalls: [
        {
          id: 'c1',
          name: 'get_weather',
          args: '{"city":"Paris"}',
          status: 'done',
          result: { temp: 21 },
        },
        {
          id: 'c2',
          name: 'get_weather',
          args: '{"city":',
          status: 'error',
          result: 'Arguments are not valid JSON',
          isError: true,
        },
      ],
    },
    { role: 'tool', toolCallId: 'c1', content: '{"temp":21}' },
    { role: 'tool', toolCallId: 'c2', content: 'Arguments are not valid JSON' },
  ],
};

describe('protocols: tools in the request', () => {
  it('openai: tools as functions, assistant tool_calls, role "tool" results', async () => {
    const sent = await body('openai', round);
    expect(sent.tools).to.deep.equal([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather of a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ]);
    expect(sent.messages).to.deep.equal([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          {
            id: 'c1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'c2', type: 'function', function: { name: 'get_weather', arguments: '{"city":' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: '{"temp":21}' },
      { role: 'tool', tool_call_id: 'c2', content: 'Arguments are not valid JSON' },
    ]);
  });

  it('anthropic: tool_use blocks after the text, tool_result blocks in one user message', async () => {
    const sent = await body('anthropic', round);
    expect(sent.tools).to.deep.equal([
      {
        name: 'get_weather',
        description: 'Weather of a city',
        input_schema: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ]);
    expect(sent.messages).to.deep.equal([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'c1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'c2', name: 'get_weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'c1', content: '{"temp":21}' },
          {
            type: 'tool_result',
            tool_use_id: 'c2',
            content: 'Arguments are not valid JSON',
            is_error: true,
          },
        ],
      },
    ]);
  });

  it('openai-responses: function_call and function_call_output items', async () => {
    const sent = await body('openai-responses', round);
    expect(sent.tools).to.deep.equal([
      {
        type: 'function',
        name: 'get_weather',
        description: 'Weather of a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ]);
    expect(sent.input).to.deep.equal([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris and Rome?' },
      { role: 'assistant', content: 'Checking.' },
      { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call', call_id: 'c2', name: 'get_weather', arguments: '{"city":' },
      { type: 'function_call_output', call_id: 'c1', output: '{"temp":21}' },
      { type: 'function_call_output', call_id: 'c2', output: 'Arguments are not valid JSON' },
    ]);
  });

  it('ollama: tool_calls with arguments as objects, results naming the tool', async () => {
    const sent = await body('ollama', round);
    expect((sent.tools as unknown[]).length).to.equal(1);
    expect((sent.messages as unknown[]).slice(2)).to.deep.equal([
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { function: { name: 'get_weather', arguments: { city: 'Paris' } } },
          { function: { name: 'get_weather', arguments: {} } },
        ],
      },
      { role: 'tool', content: '{"temp":21}', tool_name: 'get_weather' },
      { role: 'tool', content: 'Arguments are not valid JSON', tool_name: 'get_weather' },
    ]);
  });

  it('ai-sdk: tool parts with their state on the assistant message; no tool messages', async () => {
    const sent = await body('ai-sdk', round);
    expect(sent).to.not.have.property('tools');
    expect((sent.messages as unknown[]).slice(2)).to.deep.equal([
      {
        id: 'a1',
        role: 'assistant',
        parts: [
          { type: 'text', text: 'Checking.' },
          {
            type: 'tool-get_weather',
            toolCallId: 'c1',
            input: { city: 'Paris' },
            state: 'output-available',
            output: { temp: 21 },
          },
          {
            type: 'tool-get_weather',
            toolCallId: 'c2',
            input: {},
            state: 'output-error',
            errorText: 'Arguments are not valid JSON',
          },
        ],
      },
    ]);
  });

  it('dify: the conversation_id of the previous answer goes with the next question', async () => {
    expect(
      await body('dify', { messages: round.messages, meta: { conversationId: 'conv-1' } }),
    ).to.deep.equal({
      inputs: {},
      query: 'Weather in Paris and Rome?',
      response_mode: 'streaming',
      user: 'stream-chat-elements',
      conversation_id: 'conv-1',
    });
  });

  it('no tools, no tools key', async () => {
    for (const name of ['openai', 'anthropic', 'openai-responses', 'ollama'] as const) {
      expect(
        await body(name, { messages: [{ role: 'user', content: 'Hi' }] }),
      ).to.not.have.property('tools');
    }
  });
});

describe('protocols: tool calls in the stream, edge cases', () => {
  it('openai: a call announced before its name is known waits for the name; a missing id is generated', async () => {
    const parts = await decode('openai', [
      json({
        choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: '{"a"' } }] } }],
      }),
      json({
        choices: [
          { delta: { tool_calls: [{ index: 0, function: { name: 'f', arguments: ':1}' } }] } },
        ],
      }),
      json({ choices: [{ delta: {}, finish_reason: 'tool_calls' }] }),
      '[DONE]',
    ]);
    expect(parts).to.deep.equal([
      { type: 'tool-call-delta', id: 'call_1', name: 'f', argsDelta: '{"a":1}' },
      { type: 'tool-call', id: 'call_1', name: 'f', args: '{"a":1}' },
      { type: 'finish', reason: 'tool_calls' },
    ]);
  });

  it('openai: a stream that ends in the middle of a tool call is cut off (no finish)', async () => {
    const parts = await decode('openai', [
      json({
        choices: [
          {
            delta: {
              tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{"a' } }],
            },
          },
        ],
      }),
      null,
    ]);
    expect(parts.map((p) => p.type)).to.deep.equal(['tool-call-delta']);
  });

  it('openai: url_citation annotations are sources, each once', async () => {
    const annotation = {
      type: 'url_citation',
      url_citation: { url: 'https://a.example/', title: 'A' },
    };
    expect(
      await decode('openai', [
        json({ choices: [{ delta: { content: 'x', annotations: [annotation] } }] }),
        json({ choices: [{ delta: { annotations: [annotation] }, finish_reason: 'stop' }] }),
        '[DONE]',
      ]),
    ).to.deep.equal([
      { type: 'text', text: 'x' },
      { type: 'source', url: 'https://a.example/', title: 'A' },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('openai-responses: the error event with a code and no message names the code', async () => {
    const error = (await decode('openai-responses', [
      json({ type: 'error', error: { code: 'rate_limit_exceeded' } }),
    ]).catch((e: unknown) => e)) as StreamError;
    expect([error.code, error.message]).to.deep.equal([
      'provider',
      'The model server reported an error: rate_limit_exceeded.',
    ]);
  });

  it('dify: a workflow app ends at workflow_finished; a chatflow waits for message_end', async () => {
    expect(
      await decode('dify', [
        json({ event: 'text_chunk', workflow_run_id: 'r', data: { text: 'a' } }),
        json({ event: 'workflow_finished', workflow_run_id: 'r', data: { status: 'succeeded' } }),
      ]),
    ).to.deep.equal([
      { type: 'text', text: 'a' },
      { type: 'finish', reason: 'succeeded' },
    ]);
    const chatflow = await decode('dify', [
      json({ event: 'message', conversation_id: 'c', message_id: 'm', answer: 'a' }),
      json({
        event: 'workflow_finished',
        conversation_id: 'c',
        message_id: 'm',
        data: { status: 'succeeded' },
      }),
      null,
    ]);
    expect(chatflow.at(-1)).to.deep.equal({ type: 'finish', reason: 'succeeded' });
    expect(chatflow.filter((p) => p.type === 'finish')).to.have.length(1);
  });
});
