import { expect } from '@open-wc/testing';
import { loadProtocol, type ProtocolName } from '../../src/transports/protocols/index.js';
import { StreamError, type StreamPart } from '../../src/transports/index.js';
import { request } from './helpers.js';

/** Decodes frames (data strings, or [event, data]) with a fresh decoder; `null` marks the end of the stream. */
async function decode(protocol: ProtocolName, frames: (string | null)[]) {
  const decoder = (await loadProtocol(protocol)).decoder();
  const parts: StreamPart[] = [];
  for (const data of frames) parts.push(...(data === null ? decoder() : decoder({ data })));
  return parts;
}

async function failure(protocol: ProtocolName, frames: string[]): Promise<StreamError> {
  try {
    await decode(protocol, frames);
  } catch (error) {
    return error as StreamError;
  }
  throw new Error('expected the decoder to throw');
}

const json = (value: unknown) => JSON.stringify(value);

describe('protocols', () => {
  it('unknown names fail with a protocol error; custom protocol objects are used as they are', async () => {
    const error = await loadProtocol('nope' as ProtocolName).catch((e: StreamError) => e);
    expect((error as StreamError).code).to.equal('protocol');
    const inherited = await loadProtocol('toString' as ProtocolName).catch((e: StreamError) => e);
    expect((inherited as StreamError).code).to.equal('protocol');
    const custom = { body: () => 'x', decoder: () => () => [] };
    expect(await loadProtocol(custom)).to.equal(custom);
  });

  describe('request bodies', () => {
    const bodies: [ProtocolName, unknown][] = [
      ['openai', { model: 'test-model', messages: request.messages, stream: true }],
      ['ollama', { model: 'test-model', messages: request.messages, stream: true }],
      ['openai-responses', { model: 'test-model', input: request.messages, stream: true }],
      [
        'anthropic',
        {
          model: 'test-model',
          max_tokens: 4096,
          stream: true,
          system: 'Be brief.',
          messages: [{ role: 'user', content: 'Hi' }],
        },
      ],
      [
        'dify',
        { inputs: {}, query: 'Hi', response_mode: 'streaming', user: 'stream-chat-elements' },
      ],
      [
        'ai-sdk',
        {
          id: 'stream-chat',
          model: 'test-model',
          trigger: 'submit-message',
          messages: [
            { id: 'm0', role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
            { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
          ],
        },
      ],
      ['text', { model: 'test-model', messages: request.messages }],
    ];
    for (const [name, body] of bodies) {
      it(`${name} builds its request from the chat request`, async () => {
        expect(JSON.parse(JSON.stringify((await loadProtocol(name)).body(request)))).to.deep.equal(
          body,
        );
      });
    }

    it('anthropic leaves out an empty system prompt', async () => {
      const body = (await loadProtocol('anthropic')).body({
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(JSON.parse(JSON.stringify(body))).to.not.have.property('system');
    });
  });

  describe('openai', () => {
    it('maps content and reasoning deltas, ignores usage chunks, finishes at [DONE] with the reason', async () => {
      expect(
        await decode('openai', [
          json({ choices: [{ delta: { role: 'assistant', content: null } }] }),
          json({ choices: [{ delta: { reasoning: 'r' } }] }),
          json({ choices: [{ delta: { content: 'a' }, finish_reason: 'stop' }] }),
          json({ choices: [], usage: { total_tokens: 3 } }),
          '[DONE]',
        ]),
      ).to.deep.equal([
        { type: 'reasoning', text: 'r' },
        { type: 'text', text: 'a' },
        { type: 'finish', reason: 'stop' },
      ]);
    });

    it('at the end of the stream: complete after a finish_reason, cut off without one', async () => {
      expect(
        await decode('openai', [json({ choices: [{ delta: {}, finish_reason: 'length' }] }), null]),
      ).to.deep.equal([{ type: 'finish', reason: 'length' }]);
      expect(
        await decode('openai', [json({ choices: [{ delta: { content: 'a' } }] }), null]),
      ).to.deep.equal([{ type: 'text', text: 'a' }]);
    });

    it('skips blank keep-alive frames; malformed JSON is a protocol error; error objects are provider errors', async () => {
      expect(await decode('openai', ['', ' '])).to.deep.equal([]);
      expect((await failure('openai', ['{"choices":'])).code).to.equal('protocol');
      const error = await failure('openai', [
        json({ error: { message: 'Rate limit', type: 'requests' } }),
      ]);
      expect([error.code, error.message, error.retryable]).to.deep.equal([
        'provider',
        'Rate limit',
        false,
      ]);
      expect((await failure('openai', [json({ error: 'bare string' })])).message).to.equal(
        'bare string',
      );
      expect((await failure('openai', [json({ error: { code: 1 } })])).message).to.equal(
        'The model server reported an error.',
      );
    });
  });

  describe('openai-responses', () => {
    it('reasoning text deltas are reasoning; response.incomplete finishes with its reason', async () => {
      expect(
        await decode('openai-responses', [
          json({ type: 'response.reasoning_text.delta', delta: 'r' }),
          json({ type: 'response.output_text.delta', delta: 't' }),
          json({
            type: 'response.incomplete',
            response: { incomplete_details: { reason: 'max_output_tokens' } },
          }),
        ]),
      ).to.deep.equal([
        { type: 'reasoning', text: 'r' },
        { type: 'text', text: 't' },
        { type: 'finish', reason: 'max_output_tokens' },
      ]);
    });

    it('response.failed and error events are provider errors with their messages', async () => {
      expect(
        (
          await failure('openai-responses', [
            json({
              type: 'response.failed',
              response: { error: { code: 'server_error', message: 'Boom' } },
            }),
          ])
        ).message,
      ).to.equal('Boom');
      const error = await failure('openai-responses', [
        json({ type: 'error', code: 'ERR', message: 'Bad input', param: null }),
      ]);
      expect([error.code, error.message]).to.deep.equal(['provider', 'Bad input']);
    });

    it('a stream without response.completed is cut off', async () => {
      expect(
        await decode('openai-responses', [
          json({ type: 'response.output_text.delta', delta: 't' }),
          null,
        ]),
      ).to.deep.equal([{ type: 'text', text: 't' }]);
    });
  });

  describe('anthropic', () => {
    it('an error event is a provider error; a stream without message_stop is cut off', async () => {
      const error = await failure('anthropic', [
        json({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
      ]);
      expect([error.code, error.message]).to.deep.equal(['provider', 'Overloaded']);
      expect(
        await decode('anthropic', [
          json({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'a' } }),
          null,
        ]),
      ).to.deep.equal([{ type: 'text', text: 'a' }]);
    });

    it('tool input deltas carry no text', async () => {
      expect(
        await decode('anthropic', [
          json({
            type: 'content_block_delta',
            index: 1,
            delta: { type: 'input_json_delta', partial_json: '{"a":' },
          }),
        ]),
      ).to.deep.equal([]);
    });
  });

  describe('dify', () => {
    it("an error event is a provider error with Dify's message", async () => {
      const error = await failure('dify', [
        json({
          event: 'error',
          task_id: 't',
          status: 400,
          code: 'invalid_param',
          message: 'Query is required',
        }),
      ]);
      expect([error.code, error.message]).to.deep.equal(['provider', 'Query is required']);
    });

    it('a failed workflow is a provider error; ping is ignored', async () => {
      expect(await decode('dify', [json({ event: 'ping' })])).to.deep.equal([]);
      const error = await failure('dify', [
        json({ event: 'workflow_finished', data: { status: 'failed', error: 'Node LLM failed' } }),
      ]);
      expect(error.message).to.equal('Node LLM failed');
    });
  });

  describe('ollama', () => {
    it('a mid-stream {"error"} is a provider error; done without a reason still finishes', async () => {
      const error = await failure('ollama', [
        json({ message: { content: 'a' }, done: false }),
        json({ error: 'model runner has unexpectedly stopped' }),
      ]);
      expect([error.code, error.message]).to.deep.equal([
        'provider',
        'model runner has unexpectedly stopped',
      ]);
      expect(
        await decode('ollama', [json({ message: { content: '' }, done: true })]),
      ).to.deep.equal([{ type: 'finish' }]);
      expect(
        await decode('ollama', [json({ message: { content: 'a' }, done: false }), null]),
      ).to.deep.equal([{ type: 'text', text: 'a' }]);
    });
  });

  describe('ai-sdk', () => {
    it('error chunks are provider errors; a server-side abort ends the answer with reason "abort"', async () => {
      const error = await failure('ai-sdk', [
        json({ type: 'error', errorText: 'Upstream failed' }),
      ]);
      expect([error.code, error.message]).to.deep.equal(['provider', 'Upstream failed']);
      expect(
        await decode('ai-sdk', [
          json({ type: 'text-delta', id: 't', delta: 'a' }),
          json({ type: 'abort' }),
        ]),
      ).to.deep.equal([
        { type: 'text', text: 'a' },
        { type: 'finish', reason: 'abort' },
      ]);
    });

    it('[DONE] alone finishes; tool and data chunks carry no text', async () => {
      expect(
        await decode('ai-sdk', [
          json({ type: 'tool-input-delta', toolCallId: 'c', inputTextDelta: '{' }),
          json({ type: 'data-weather', data: {} }),
          '[DONE]',
        ]),
      ).to.deep.equal([{ type: 'finish' }]);
    });
  });

  describe('text', () => {
    it('passes data through untouched (JSON-looking or not) and finishes at the end of the stream', async () => {
      expect(await decode('text', ['{"not":"parsed"}', '', ' [DONE]', null])).to.deep.equal([
        { type: 'text', text: '{"not":"parsed"}' },
        { type: 'text', text: ' [DONE]' },
        { type: 'finish' },
      ]);
    });
  });
});
