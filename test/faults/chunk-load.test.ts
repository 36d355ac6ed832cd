import { expect } from '@open-wc/testing';
import type { StreamChat } from '../../src/index.js';
import type { StreamErrorEvent } from '../../src/events/index.js';
import { until } from '../controllers/manual-transport.js';

/**
 * A CDN that answers 500 for a lazily loaded chunk, then serves it: the chat reports a
 * `network` stream-error naming the file, gives the question back, and Retry works.
 * The embed is the BUILT one (dist/), served by test/server/routes/faults.mjs.
 */
describe('a lazy chunk that fails to load', function () {
  this.timeout(20_000);
  let frame: HTMLIFrameElement;
  let page: Window & typeof globalThis;

  /** Makes the next `times` requests for the dist/ file containing `name` answer 500. */
  async function failNext(name: string, times: number): Promise<string> {
    const { files } = (await (
      await fetch(`/mock/faults/cdn-fail?name=${name}&times=${times}`)
    ).json()) as { files: string[] };
    const file = files.find((entry) => entry.includes(name));
    expect(file, `dist/ has a ${name} chunk: run the build first`).to.be.a('string');
    return file!;
  }

  async function load(): Promise<void> {
    frame = document.createElement('iframe');
    const loaded = new Promise((resolve) =>
      frame.addEventListener('load', resolve, { once: true }),
    );
    frame.src = '/mock/faults/embed.html';
    document.body.append(frame);
    await loaded;
    page = frame.contentWindow as Window & typeof globalThis;
    await page.customElements.whenDefined('stream-chat');
  }

  function chat(attributes: Record<string, string>) {
    const element = page.document.createElement('stream-chat') as StreamChat;
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    const errors: StreamErrorEvent['detail'][] = [];
    element.addEventListener('stream-error', (event) => errors.push(event.detail));
    page.document.body.append(element);
    const root = () => element.shadowRoot!;
    const input = () => root().querySelector('textarea')!;
    /** Types `text` and presses Send, as a reader would. */
    const ask = async (text: string) => {
      await element.updateComplete;
      input().value = text;
      input().dispatchEvent(new page.Event('input'));
      await element.updateComplete;
      root().querySelector<HTMLButtonElement>('[part=send-button]')!.click();
    };
    return { element, errors, root, input, ask };
  }

  afterEach(() => frame?.remove());

  it('in the chat’s own streaming chunk: an error, the question back, and Retry works', async () => {
    // Until told otherwise: the chat fetches it when it connects, and again on the send.
    const file = await failNext('stream-controller', 1000);
    await load();
    const { element, errors, root, input, ask } = chat({
      transport: 'ndjson',
      protocol: 'ollama',
      endpoint: '/mock/faults/api/chat',
    });
    await ask('Does it load?');
    await until(() => errors.length === 1, 'a stream-error');
    expect(errors[0]!.error.code).to.equal('network');
    expect(errors[0]!.error.message).to.contain(file);
    expect(errors[0]!.partial).to.equal('');
    await element.updateComplete;
    expect(input().value, 'the question is back in the composer').to.equal('Does it load?');
    expect(root().querySelector('[part=error] [role=alert]')!.textContent).to.contain(file);
    expect(element.messages).to.deep.equal([]);

    await failNext('stream-controller', 0);
    root().querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
    await until(() => element.messages.length === 2, 'the answer after Retry');
    expect(element.messages[1]).to.deep.include({
      role: 'assistant',
      content: 'Loaded on the second try.',
    });
    expect(input().value).to.equal('');
    expect(errors).to.have.length(1);
  });

  it('in a transport chunk: an error, the question back, and Retry works', async () => {
    const file = await failNext('.ndjson-', 1);
    await load();
    const { element, errors, root, input, ask } = chat({
      transport: 'ndjson',
      protocol: 'ollama',
      endpoint: '/mock/faults/api/chat',
    });
    await ask('And this one?');
    await until(() => errors.length === 1, 'a stream-error');
    expect(errors[0]!.error.code).to.equal('network');
    expect(errors[0]!.error.message).to.contain(file);
    await element.updateComplete;
    expect(input().value).to.equal('And this one?');

    root().querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
    await until(() => element.messages.length === 2, 'the answer after Retry');
    expect(element.messages[1]!.content).to.equal('Loaded on the second try.');
  });
});
