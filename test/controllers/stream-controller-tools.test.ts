import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { StreamController } from '../../src/controllers/stream-controller.js';
import type { StreamPart } from '../../src/transports/transport.js';
import { ManualTransport, until } from './manual-transport.js';

class ToolHost extends ReactiveElement {
  transport = new ManualTransport();
  parts: StreamPart[] = [];
  stream = new StreamController(this, {
    transport: () => this.transport,
    onPart: (part) => this.parts.push(part),
  });
}
customElements.define('tool-host', ToolHost);

const request = { messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('StreamController: tool calls, sources, usage, meta, replace', function () {
  this.timeout(10_000);

  it('gathers tool calls as their arguments grow, results, sources, usage and meta into the answer', async () => {
    const el = await fixture<ToolHost>(html`<tool-host></tool-host>`);
    const run = el.stream.run(request);
    el.transport.push(
      { type: 'meta', conversationId: 'c1' },
      { type: 'tool-call-delta', id: 'a', name: 'weather', argsDelta: '' },
      { type: 'tool-call-delta', id: 'b', name: 'search', argsDelta: '{"q":' },
      { type: 'tool-call-delta', id: 'a', name: 'weather', argsDelta: '{"city":"Oslo"' },
    );
    await until(() => el.stream.toolCalls.length === 2 && el.stream.toolCalls[0]!.args !== '');
    expect(el.stream.toolCalls.map((c) => [c.id, c.args, c.status])).to.deep.equal([
      ['a', '{"city":"Oslo"', 'running'],
      ['b', '{"q":', 'running'],
    ]);
    const ended = oneEvent(el, 'stream-end');
    el.transport.push(
      { type: 'tool-call', id: 'a', name: 'weather', args: '{"city":"Oslo"}' },
      { type: 'tool-call', id: 'b', name: 'search', args: '{"q":"x"}' },
      { type: 'tool-result', id: 'b', result: ['r'] },
      { type: 'source', url: 'https://a.example/', title: 'A' },
      { type: 'source', url: 'https://a.example/', title: 'A' },
      { type: 'text', text: 'Done.' },
      { type: 'usage', inputTokens: 3 },
      { type: 'usage', outputTokens: 4 },
      { type: 'meta', messageId: 'm1' },
    );
    el.transport.end('tool_calls');
    const { detail } = await ended;
    await run;
    expect(detail).to.deep.equal({
      message: {
        role: 'assistant',
        content: 'Done.',
        toolCalls: [
          { id: 'a', name: 'weather', args: '{"city":"Oslo"}', status: 'running' },
          { id: 'b', name: 'search', args: '{"q":"x"}', status: 'done', result: ['r'] },
        ],
        sources: [{ url: 'https://a.example/', title: 'A' }],
        meta: { conversationId: 'c1', messageId: 'm1' },
      },
      reason: 'tool_calls',
      usage: { inputTokens: 3, outputTokens: 4 },
    });
  });

  it('replace swaps the answer so far and is handed to onPart', async () => {
    const el = await fixture<ToolHost>(html`<tool-host></tool-host>`);
    const ended = oneEvent(el, 'stream-end');
    void el.stream.run(request);
    el.transport.text('bad words');
    el.transport.push({ type: 'replace', text: 'Moderated.' });
    el.transport.end();
    expect((await ended).detail.message.content).to.equal('Moderated.');
    expect(el.parts.map((p) => p.type)).to.deep.equal(['text', 'replace']);
  });

  it('a stream that finishes in the middle of a tool call is an error that keeps everything so far', async () => {
    const el = await fixture<ToolHost>(html`<tool-host></tool-host>`);
    const failed = oneEvent(el, 'stream-error');
    void el.stream.run(request);
    el.transport.text('Let me look.');
    el.transport.push({ type: 'tool-call-delta', id: 'a', name: 'weather', argsDelta: '{"ci' });
    el.transport.end();
    const { detail } = await failed;
    expect(detail.error.code).to.equal('protocol');
    expect(detail.error.message).to.contain('weather');
    expect(detail.partial).to.equal('Let me look.');
    expect(el.stream.toolCalls).to.deep.equal([
      { id: 'a', name: 'weather', args: '{"ci', status: 'error' },
    ]);
  });

  it('a new run starts with nothing gathered', async () => {
    const el = await fixture<ToolHost>(html`<tool-host></tool-host>`);
    void el.stream.run(request);
    el.transport.push(
      { type: 'source', url: 'https://a.example/' },
      { type: 'usage', inputTokens: 1 },
    );
    el.transport.end();
    await until(() => el.stream.status === 'done');
    void el.stream.run(request);
    expect([el.stream.sources, el.stream.usage, el.stream.toolCalls]).to.deep.equal([
      [],
      undefined,
      [],
    ]);
    el.stream.abort();
  });
});
