import { expect } from '@open-wc/testing';
import type {
  ChatMessage,
  ChatRequest,
  MockStep,
  StopButton,
  StreamChat,
} from '../../src/index.js';
import { withoutIds } from '../helpers/messages.js';
import { until } from '../controllers/manual-transport.js';
import { loadApp, type FrameworkApp } from './harness.js';

const ANSWER = 'Hello from the **mock** model.';

export interface ChatPanelSuiteOptions {
  /** Bundle name under /mock/frameworks/app/. */
  app: string;
  /** The framework and major version that must really run, e.g. /^React 18\./. */
  framework: RegExp;
  /** The conversation the example binds to `messages`, when it binds one. */
  messages?: ChatMessage[];
  /** How long the runner's server may take to build the bundle (ms). */
  bundleTimeout?: number;
}

/**
 * The same checks for every framework's `ChatPanel` example: it renders the kit's elements,
 * passes objects as properties, and hears every `stream-*` event (its status line says so).
 */
export function chatPanelSuite(options: ChatPanelSuiteOptions): void {
  let app: FrameworkApp;
  let container: HTMLElement;
  let unmount: (() => void) | undefined;
  let warnings: string[];

  /** The user's message picks the script: "fail" fails, "hold" streams until stopped. */
  const script = (request: ChatRequest): MockStep[] => {
    const asked = request.messages.at(-1)?.content;
    if (asked === 'fail') {
      return [
        { type: 'error', error: new app.StreamError('http', 'Unauthorized', { status: 401 }) },
      ];
    }
    if (asked === 'hold')
      return [
        { type: 'text', text: 'Partial' },
        { type: 'wait', ms: 60_000 },
      ];
    return [
      ...(ANSWER.match(/.{1,4}/gs) ?? []).map((text): MockStep => ({ type: 'text', text })),
      { type: 'finish', reason: 'stop' },
    ];
  };

  const chat = () => container.querySelector('stream-chat') as StreamChat;
  const status = () => container.querySelector('[role="status"]')?.textContent ?? '';
  const received = () => container.querySelector('[role="status"] + p')?.textContent ?? '';

  before(async function () {
    // The runner's server bundles the example with esbuild on this request: allow for a busy machine.
    this.timeout(options.bundleTimeout ?? 30_000);
    app = await loadApp(options.app);
  });

  beforeEach(async function () {
    this.timeout(15_000);
    container = document.createElement('div');
    document.body.append(container);
    // A framework that mistakes the tags for its own components, or a prop for an attribute,
    // says so on the console while it renders.
    warnings = [];
    const { warn, error } = console;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    console.error = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      unmount = await app.mount(container, app.mockTransport({ script }));
    } finally {
      Object.assign(console, { warn, error });
    }
  });

  afterEach(() => {
    unmount?.();
    container.remove();
  });

  it(`runs ${options.framework.source.replace(/\\/g, '')}`, () => {
    expect(app.framework).to.match(options.framework);
  });

  it('renders upgraded elements and sets objects as properties', () => {
    const element = chat();
    expect(element).to.be.instanceOf(customElements.get('stream-chat')!);
    expect(element.transport).to.have.property('stream').that.is.a('function');
    expect(element.hasAttribute('transport')).to.equal(false);
    if (options.messages !== undefined) {
      expect(withoutIds(element.messages)).to.deep.equal(options.messages);
      expect(element.hasAttribute('messages')).to.equal(false);
    }
    const stop = container.querySelector('stop-button') as StopButton;
    expect(stop).to.be.instanceOf(customElements.get('stop-button')!);
    expect(stop.htmlFor).to.equal('chat');
    expect(status()).to.equal('Ready');
    expect(warnings).to.deep.equal([]);
  });

  it('hears stream-token and stream-end', async function () {
    this.timeout(10_000);
    void chat().send('Hi');
    await until(() => status().startsWith('Answered'), 'no stream-end');
    expect(status()).to.equal(`Answered: ${ANSWER}`);
    expect(received()).to.equal(`${ANSWER.length} characters received`);
    expect(withoutIds(chat().messages.slice(-2))).to.deep.equal([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: ANSWER },
    ]);
  });

  it('hears stream-open, then stream-abort when the reply is stopped', async function () {
    this.timeout(10_000);
    void chat().send('hold');
    await until(() => received() === '7 characters received', 'no token');
    expect(status()).to.equal('Answering…');
    chat().stop();
    await until(() => status().startsWith('Stopped'), 'no stream-abort');
    expect(status()).to.equal('Stopped after 7 characters');
  });

  it('hears message-feedback when an answer is rated', async () => {
    void chat().send('Hi');
    await until(() => status().startsWith('Answered'), 'no stream-end');
    await chat().updateComplete;
    // The example's greeting, when it has one, is an answer too: rate the last answer.
    const answers = chat().shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=good-button]');
    answers[answers.length - 1]!.click();
    await until(() => status().startsWith('Rated'), 'no message-feedback');
    expect(status()).to.equal('Rated up');
    expect(chat().messages.at(-1)!.feedback).to.equal('up');
  });

  it('enables its <stop-button for> while the chat streams, and stops the chat with it', async function () {
    this.timeout(10_000);
    const stop = container.querySelector('stop-button') as StopButton;
    const button = () => stop.shadowRoot!.querySelector('button')!;
    expect(button().disabled).to.equal(true);
    void chat().send('hold');
    await until(() => stop.streaming && !button().disabled, 'the stop button is enabled');
    button().click();
    await until(() => status().startsWith('Stopped'), 'no stream-abort');
    await until(() => button().disabled, 'the stop button is disabled again');
  });

  it('hears stream-error with its code', async function () {
    this.timeout(10_000);
    void chat().send('fail');
    await until(() => status().startsWith('Failed'), 'no stream-error');
    expect(status()).to.equal('Failed: http');
  });
}
