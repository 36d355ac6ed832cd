import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import {
  StreamError,
  type ChatMessage,
  type StreamChat,
  type StreamToolCallEvent,
  type TokenView,
  type ToolCallRequest,
} from '../../src/index.js';
import { defaultToolStrings } from '../../src/components/stream-chat/tool-cards.strings.js';
import { loadChat, saveChat } from '../../src/controllers/persistence.js';
import { ManualTransport, until } from '../controllers/manual-transport.js';
import { withoutId, withoutIds } from '../helpers/messages.js';

const weather = {
  name: 'get_weather',
  description: 'The weather of a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
};

async function chat(properties: Partial<StreamChat> = {}) {
  const transport = new ManualTransport();
  const el = await fixture<StreamChat>(
    html`<stream-chat style="height: 400px" .transport=${transport}></stream-chat>`,
  );
  Object.assign(el, properties);
  return { el, transport, root: el.shadowRoot! };
}

const cards = (root: ShadowRoot) => [
  ...root.querySelectorAll<HTMLDetailsElement>('[part~=tool-call]'),
];
/** Ends the current answer (ManualTransport's `end()` would also end the next stream). */
const finish = (transport: ManualTransport, reason?: string) =>
  transport.push(reason ? { type: 'finish', reason } : { type: 'finish' });
const text = (node: Element | null | undefined) => node?.textContent?.trim() ?? '';

describe('<stream-chat> tool calls', function () {
  this.timeout(15_000);

  it('shows a card while the arguments stream, runs the handler, sends the result and streams the continuation into the turn', async () => {
    const seen: ToolCallRequest[] = [];
    const { el, transport, root } = await chat({
      tools: [weather],
      onToolCall: (call) => {
        seen.push(call);
        return { temperature: 21 };
      },
    });
    const events: string[] = [];
    el.addEventListener('stream-tool-call', (e) => events.push(e.detail.name));
    const sent = el.send('Weather in Paris?');
    await until(() => transport.requests.length === 1);
    expect(transport.requests[0]!.tools).to.deep.equal([weather]);
    transport.text('Let me check. ');
    transport.push({ type: 'tool-call-delta', id: 'c1', name: 'get_weather', argsDelta: '{"ci' });
    await until(() => cards(root).length === 1);
    const card = cards(root)[0]!;
    expect(card.open).to.equal(true);
    expect(card.getAttribute('part')).to.equal('tool-call tool-call-running');
    expect(text(card.querySelector('[part=tool-call-name]'))).to.equal('get_weather');
    expect(text(card.querySelector('[part=tool-call-status]'))).to.equal('Running…');
    expect(text(card.querySelector('.sr'))).to.equal('Running the tool get_weather');
    expect(text(card.querySelector('[part=tool-call-args]'))).to.equal('{"ci');
    transport.push({
      type: 'tool-call-delta',
      id: 'c1',
      name: 'get_weather',
      argsDelta: 'ty":"Paris"}',
    });
    await until(() => text(card.querySelector('[part=tool-call-args]')).includes('\n'));
    expect(card.querySelector('[part=tool-call-args]')!.textContent).to.equal(
      '{\n  "city": "Paris"\n}',
    );
    transport.push({ type: 'tool-call', id: 'c1', name: 'get_weather', args: '{"city":"Paris"}' });
    finish(transport, 'tool_calls');
    await until(() => transport.requests.length === 2);
    expect(events).to.deep.equal(['get_weather']);
    expect(seen[0]).to.include({
      id: 'c1',
      name: 'get_weather',
      args: '{"city":"Paris"}',
      parsed: true,
    });
    expect(seen[0]!.input).to.deep.equal({ city: 'Paris' });
    const second = transport.requests[1]!.messages;
    expect(second.map((m) => m.role)).to.deep.equal(['user', 'assistant', 'tool']);
    expect(second[1]!.toolCalls).to.deep.equal([
      {
        id: 'c1',
        name: 'get_weather',
        args: '{"city":"Paris"}',
        status: 'done',
        result: { temperature: 21 },
      },
    ]);
    expect(second[2]).to.deep.equal({
      role: 'tool',
      toolCallId: 'c1',
      content: '{"temperature":21}',
    });
    expect(el.streaming).to.equal(true);
    transport.text('It is 21 °C.');
    const ended = oneEvent(el, 'stream-end');
    finish(transport, 'stop');
    await ended;
    await sent;
    expect(el.streaming).to.equal(false);
    await el.updateComplete;
    // The continuation is the next row; the tool message renders nothing.
    const rows = [...root.querySelectorAll('[part~=message]')];
    expect(rows.map((row) => row.getAttribute('part'))).to.deep.equal([
      'message user-message',
      'message assistant-message',
      'message assistant-message',
    ]);
    const done = cards(root)[0]!;
    expect(done.getAttribute('part')).to.equal('tool-call tool-call-done');
    expect(done.querySelector('.sr')).to.equal(null);
    const result = done.querySelector<HTMLDetailsElement>('[part=tool-call-result]')!;
    expect(result.open).to.equal(false);
    expect(result.querySelector('pre')!.textContent).to.equal('{\n  "temperature": 21\n}');
    await expect(el).to.be.accessible();
    done.open = false;
    result.open = true;
    await expect(el).to.be.accessible();
  });

  it('a stream-tool-call listener answers with respondWith; the handler is not called', async () => {
    let called = false;
    const { el, transport } = await chat({ tools: [weather], onToolCall: () => (called = true) });
    el.addEventListener('stream-tool-call', (event: StreamToolCallEvent) => {
      expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
      event.respondWith(Promise.resolve('sunny'));
    });
    void el.send('Weather?');
    await until(() => transport.requests.length === 1);
    transport.push({ type: 'tool-call', id: 'c1', name: 'get_weather', args: '{}' });
    finish(transport);
    await until(() => transport.requests.length === 2);
    expect(transport.requests[1]!.messages.at(-1)).to.deep.equal({
      role: 'tool',
      toolCallId: 'c1',
      content: 'sunny',
    });
    expect(called).to.equal(false);
    el.stop();
  });

  it('a handler that throws, an unknown tool and malformed arguments give error results; the chat stays usable', async () => {
    const seen: ToolCallRequest[] = [];
    const { el, transport, root } = await chat({
      tools: [weather, { name: 'broken' }],
      onToolCall: (call) => {
        seen.push(call);
        if (call.name === 'broken') throw new Error('Database down');
        return call.parsed ? 'ok' : 'unparsed';
      },
    });
    void el.send('Go');
    await until(() => transport.requests.length === 1);
    transport.push(
      { type: 'tool-call', id: 'a', name: 'broken', args: '{}' },
      { type: 'tool-call', id: 'b', name: 'launch_rockets', args: '{}' },
      { type: 'tool-call', id: 'c', name: 'get_weather', args: '{"city": Par' },
    );
    finish(transport, 'tool_calls');
    await until(() => transport.requests.length === 2);
    const results = transport.requests[1]!.messages.filter((m) => m.role === 'tool');
    expect(results).to.deep.equal([
      { role: 'tool', toolCallId: 'a', content: 'Database down' },
      { role: 'tool', toolCallId: 'b', content: 'Unknown tool: launch_rockets' },
      { role: 'tool', toolCallId: 'c', content: 'unparsed' },
    ]);
    expect(seen.map((call) => [call.name, call.parsed, call.input])).to.deep.equal([
      ['broken', true, {}],
      ['get_weather', false, undefined],
    ]);
    const calls = transport.requests[1]!.messages[1]!.toolCalls!;
    expect(calls.map((c) => [c.status, c.isError])).to.deep.equal([
      ['error', true],
      ['error', true],
      ['done', undefined],
    ]);
    transport.text('Sorry.');
    finish(transport);
    await until(() => !el.streaming);
    await el.updateComplete;
    const [broken, unknown, malformed] = cards(root);
    expect(broken!.getAttribute('part')).to.equal('tool-call tool-call-error');
    expect(text(broken!.querySelector('[part=tool-call-status]'))).to.equal('Failed');
    expect(text(unknown!.querySelector('[part=tool-call-result] pre'))).to.equal(
      'Unknown tool: launch_rockets',
    );
    // Shown as the model wrote it, never parsed into HTML.
    expect(malformed!.querySelector('[part=tool-call-args]')!.textContent).to.equal('{"city": Par');
    expect(text(malformed!.querySelector('[part=tool-call-note]'))).to.equal(
      'The arguments are not valid JSON.',
    );
    const next = el.send('Again');
    await until(() => transport.requests.length === 3);
    transport.text('Fine.');
    finish(transport);
    await next;
  });

  it('without a handler every call gets an error result; tool output is text, never HTML', async () => {
    const { el, transport, root } = await chat();
    void el.send('Hi');
    await until(() => transport.requests.length === 1);
    transport.push({
      type: 'tool-call',
      id: 'x',
      name: '<img src=x onerror=alert(1)>',
      args: '{"html":"<script>alert(1)</script>"}',
    });
    finish(transport);
    await until(() => transport.requests.length === 2);
    expect(transport.requests[1]!.messages.at(-1)!.content).to.equal(
      'Unknown tool: <img src=x onerror=alert(1)>',
    );
    expect(root.querySelector('img, script')).to.equal(null);
    expect(text(root.querySelector('[part=tool-call-name]'))).to.equal(
      '<img src=x onerror=alert(1)>',
    );
    el.stop();
  });

  it('stops after maxToolRounds rounds: the last calls are answered as not run and not sent', async () => {
    const { el, transport, root } = await chat({ onToolCall: () => 'again', maxToolRounds: 1 });
    const sent = el.send('Loop');
    for (const round of [1, 2]) {
      await until(() => transport.requests.length === round);
      transport.push({ type: 'tool-call', id: `r${round}`, name: 'loop', args: '{}' });
      finish(transport, 'tool_calls');
    }
    await sent;
    expect(transport.requests).to.have.length(2);
    expect(el.streaming).to.equal(false);
    expect(el.messages.at(-1)).to.deep.equal({
      role: 'tool',
      toolCallId: 'r2',
      content: defaultToolStrings.toolNotRun,
    });
    await el.updateComplete;
    expect(cards(root).map((card) => card.getAttribute('part'))).to.deep.equal([
      'tool-call tool-call-done',
      'tool-call tool-call-error',
    ]);
  });

  it('Stop while a tool runs: the call gets the stopped result, its signal aborts, nothing is sent', async () => {
    let signal: AbortSignal | undefined;
    const { el, transport, root } = await chat({
      onToolCall: (call) => {
        signal = call.signal;
        return new Promise(() => undefined);
      },
    });
    const sent = el.send('Slow');
    await until(() => transport.requests.length === 1);
    transport.push({ type: 'tool-call', id: 's', name: 'slow', args: '{}' });
    finish(transport);
    await until(() => signal);
    expect(el.streaming).to.equal(true);
    await el.updateComplete;
    expect(root.querySelector('stop-button')).to.not.equal(null);
    el.stop();
    await sent;
    expect(signal!.aborted).to.equal(true);
    expect(el.streaming).to.equal(false);
    expect(transport.requests).to.have.length(1);
    expect(el.messages.at(-1)!.content).to.equal(defaultToolStrings.toolStopped);
  });

  it('removing the chat while a tool runs aborts its signal and sends nothing more', async () => {
    let signal: AbortSignal | undefined;
    let finishTool: (value: unknown) => void = () => undefined;
    const { el, transport } = await chat({
      onToolCall: (call) => {
        signal = call.signal;
        return new Promise((resolve) => (finishTool = resolve));
      },
    });
    const sent = el.send('Slow');
    await until(() => transport.requests.length === 1);
    transport.push({ type: 'tool-call', id: 's', name: 'slow', args: '{}' });
    finish(transport);
    await until(() => signal);
    el.remove();
    expect(signal!.aborted).to.equal(true);
    finishTool('late');
    await sent;
    expect(transport.requests).to.have.length(1);
  });

  it('a stream that ends in the middle of a tool call is an error; text and the card stay', async () => {
    const { el, transport, root } = await chat({ onToolCall: () => 'x' });
    void el.send('Hi');
    await until(() => transport.requests.length === 1);
    transport.text('Looking');
    transport.push({ type: 'tool-call-delta', id: 'c', name: 'lookup', argsDelta: '{"q":"ab' });
    const failed = oneEvent(el, 'stream-error');
    finish(transport);
    expect((await failed).detail.partial).to.equal('Looking');
    await el.updateComplete;
    expect(withoutId(el.messages.at(-1))).to.deep.equal({
      role: 'assistant',
      content: 'Looking',
      toolCalls: [{ id: 'c', name: 'lookup', args: '{"q":"ab', status: 'error' }],
    });
    expect(cards(root)[0]!.getAttribute('part')).to.equal('tool-call tool-call-error');
    expect(text(root.querySelector('[part=error] [role=alert]'))).to.contain('lookup');
    expect(transport.requests).to.have.length(1);
  });

  it('retry() regenerates the whole last turn, tool rounds included', async () => {
    const { el, transport } = await chat({ onToolCall: () => 1 });
    el.messages = [
      { role: 'user', content: 'Q' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'c', name: 't', args: '{}', status: 'done', result: 1 }],
      },
      { role: 'tool', toolCallId: 'c', content: '1' },
      { role: 'assistant', content: 'A' },
    ];
    void el.retry();
    await until(() => transport.requests.length === 1);
    expect(withoutIds(transport.requests[0]!.messages)).to.deep.equal([
      { role: 'user', content: 'Q' },
    ]);
    el.stop();
  });
});

describe('<stream-chat> sources, usage, replace and conversation state', function () {
  this.timeout(15_000);

  it('lists sources as numbered links under the answer with the policy of answer links', async () => {
    const { el, transport, root } = await chat();
    void el.send('Cite');
    await until(() => transport.requests.length === 1);
    transport.text('See [1].');
    transport.push(
      { type: 'source', url: 'https://news.example/a', title: 'News A' },
      { type: 'source', url: 'https://docs.example/guide' },
      { type: 'source', url: 'javascript:alert(1)', title: 'Evil' },
      { type: 'source', url: '', title: 'Handbook.pdf' },
    );
    await until(() => root.querySelector('[part=sources]'));
    const ended = oneEvent(el, 'stream-end');
    transport.push({ type: 'usage', inputTokens: 5, outputTokens: 7 });
    finish(transport, 'stop');
    const { detail } = await ended;
    expect(detail.usage).to.deep.equal({ inputTokens: 5, outputTokens: 7 });
    expect(detail.message.sources).to.have.length(4);
    await el.updateComplete;
    const list = root.querySelector('[part=sources]')!;
    expect(list.localName).to.equal('nav');
    expect(list.getAttribute('aria-label')).to.equal('Sources');
    expect(list.querySelector('ol')).to.not.equal(null);
    const links = [...list.querySelectorAll('a')];
    expect(
      links.map((a) => [a.getAttribute('href'), a.textContent!.trim(), a.rel, a.target]),
    ).to.deep.equal([
      ['https://news.example/a', 'News A', 'noopener noreferrer nofollow', '_blank'],
      ['https://docs.example/guide', 'docs.example', 'noopener noreferrer nofollow', '_blank'],
    ]);
    expect([...list.querySelectorAll('li')].map((li) => text(li))).to.deep.equal([
      'News A',
      'docs.example',
      'Evil',
      'Handbook.pdf',
    ]);
    await expect(el).to.be.accessible();
  });

  it('replace swaps the answer on screen while it streams', async () => {
    const { el, transport, root } = await chat();
    void el.send('Hi');
    await until(() => transport.requests.length === 1);
    transport.text('Forbidden words');
    const view = () => root.querySelector<TokenView>('[aria-busy][part~=message] > token-view')!;
    await until(() => view()?.text === 'Forbidden words');
    transport.push({ type: 'replace', text: 'Moderated.' });
    await until(() => view().text === 'Moderated.');
    const ended = oneEvent(el, 'stream-end');
    finish(transport);
    expect((await ended).detail.message.content).to.equal('Moderated.');
  });

  it("sends the last answer's meta with the next request; clear() forgets it", async () => {
    const { el, transport } = await chat();
    void el.send('First');
    await until(() => transport.requests.length === 1);
    expect(transport.requests[0]!).to.not.have.property('meta');
    transport.push({ type: 'meta', conversationId: 'conv-1', messageId: 'm1' });
    transport.text('One');
    finish(transport);
    await until(() => !el.streaming);
    expect(el.messages.at(-1)!.meta).to.deep.equal({ conversationId: 'conv-1', messageId: 'm1' });
    void el.send('Second');
    await until(() => transport.requests.length === 2);
    expect(transport.requests[1]!.meta).to.deep.equal({
      conversationId: 'conv-1',
      messageId: 'm1',
    });
    transport.text('Two');
    finish(transport);
    await until(() => !el.streaming);
    el.clear();
    void el.send('Fresh');
    await until(() => transport.requests.length === 3);
    expect(transport.requests[2]!).to.not.have.property('meta');
    el.stop();
  });

  it('a conversation saved and loaded again shows its cards and sources and sends its meta', async () => {
    const key = 'sce-test-tools';
    const saved: ChatMessage[] = [
      { role: 'user', content: 'Hi' },
      {
        role: 'assistant',
        content: 'Found it.',
        toolCalls: [{ id: 't', name: 'search', args: '{}', status: 'done', result: ['hit'] }],
        sources: [{ url: 'https://a.example/', title: 'A' }],
        meta: { conversationId: 'conv-9' },
      },
    ];
    // What `persist` stores and restores (the element's own restore is persist's tests' job).
    saveChat(key, { messages: saved });
    const restored = loadChat(key).messages;
    localStorage.removeItem(key);
    const { el, transport, root } = await chat();
    el.messages = restored;
    await until(() => root.querySelector('[part=sources]'));
    expect(cards(root)[0]!.getAttribute('part')).to.equal('tool-call tool-call-done');
    void el.send('More');
    await until(() => transport.requests.length === 1);
    expect(transport.requests[0]!.meta).to.deep.equal({ conversationId: 'conv-9' });
    el.stop();
  });

  it('every tool and source string can be replaced through `strings`', async () => {
    const strings = Object.fromEntries(
      Object.keys(defaultToolStrings).map((key) => [key, `«${key} {name}»`]),
    );
    const { el, transport, root } = await chat({
      strings,
      tools: [weather, { name: 'fails' }, { name: 'slow' }],
      onToolCall: (call) => {
        if (call.name === 'fails') throw new Error(strings.toolNoHandler!);
        return call.name === 'slow' ? new Promise(() => undefined) : 'ok';
      },
    });
    void el.send('Go');
    await until(() => transport.requests.length === 1);
    transport.push(
      { type: 'tool-call', id: 'a', name: 'get_weather', args: '{"x":' },
      { type: 'tool-call', id: 'b', name: 'fails', args: '{}' },
      { type: 'tool-call', id: 'c', name: 'slow', args: '{}' },
      { type: 'tool-call', id: 'd', name: 'nope', args: '{}' },
      { type: 'source', url: 'https://a.example/' },
    );
    finish(transport);
    await until(() => cards(root).some((card) => card.getAttribute('part')!.includes('done')));
    await el.updateComplete;
    const shown = new Set<string>();
    for (const node of root.querySelectorAll('*')) {
      const label = node.getAttribute('aria-label');
      if (label) shown.add(label);
      if (node.children.length === 0 && node.textContent?.trim())
        shown.add(node.textContent.trim());
    }
    el.stop();
    await until(() => !el.streaming);
    await el.updateComplete;
    const results = el.messages
      .findLast((m: ChatMessage) => m.role === 'assistant')!
      .toolCalls!.map((call) => call.result);
    for (const value of results) shown.add(String(value));
    const named = (key: string) => strings[key]!.replace('{name}', '');
    const missing = Object.keys(defaultToolStrings).filter(
      (key) => ![...shown].some((value) => value.startsWith(named(key).trim().slice(0, -1))),
    );
    // toolNotRun shows only at the round limit (covered above).
    expect(missing).to.deep.equal(['toolNotRun']);
    expect(StreamError).to.be.a('function');
  });
});
