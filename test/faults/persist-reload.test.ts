import { expect } from '@open-wc/testing';
import type { ChatMessage, StreamChat } from '../../src/index.js';
import { until } from '../controllers/manual-transport.js';
import { newProbeId, readProbe } from '../helpers/server.js';

type Page = Window & typeof globalThis & { writes: [string, string?][] };

/**
 * Reloads a page whose `<stream-chat persist>` finds its persistence chunk cold (delayed by the
 * server) on every load: the saved conversation must survive each one, untouched.
 */
describe('<stream-chat persist> across reloads with a cold persistence chunk', function () {
  this.timeout(120_000);
  const key = 'sce-faults-reload';
  const saved: ChatMessage[] = [
    { role: 'user', content: 'Remember this.', id: 'u1' },
    { role: 'assistant', content: 'I will, across every reload.', id: 'a1' },
  ];
  let frame: HTMLIFrameElement | undefined;

  afterEach(() => {
    frame?.remove();
    localStorage.removeItem(key);
    localStorage.removeItem(`${key}.draft`);
  });

  it('loses nothing in 50 reloads, and never erases the saved history while loading', async () => {
    localStorage.setItem(key, JSON.stringify(saved));
    localStorage.setItem(`${key}.draft`, 'half a thought');
    const probe = newProbeId('persist');
    frame = document.createElement('iframe');
    document.body.append(frame);
    for (let reload = 0; reload < 50; reload += 1) {
      const loaded = new Promise((resolve) =>
        frame!.addEventListener('load', resolve, { once: true }),
      );
      frame.src = `/mock/faults/persist.html?key=${key}&probe=${probe}&n=${reload}`;
      await loaded;
      const page = frame.contentWindow as Page;
      const chat = () => page.document.querySelector('stream-chat') as StreamChat | null;
      await until(() => chat()?.messages.length === 2, `reload ${reload}: the history is back`);
      const input = chat()!.shadowRoot!.querySelector('textarea')!;
      await until(() => input.value === 'half a thought', `reload ${reload}: the draft is back`);
      await chat()!.updateComplete;
      expect(chat()!.messages, `reload ${reload}`).to.deep.equal(saved);
      expect(
        page.writes.filter(([kind]) => kind === 'remove'),
        `reload ${reload} removed the saved history`,
      ).to.deep.equal([]);
      expect(JSON.parse(localStorage.getItem(key)!), `reload ${reload}`).to.deep.equal(saved);
    }
    // Each load fetched the chunk anew, through the delaying route.
    expect((await readProbe(probe)).opened).to.be.at.least(50);
  });

  it('saves nothing before the restore ran; clear() still erases the saved history', async () => {
    localStorage.setItem(key, JSON.stringify(saved));
    frame = document.createElement('iframe');
    const loaded = new Promise((resolve) =>
      frame!.addEventListener('load', resolve, { once: true }),
    );
    frame.src = `/mock/faults/persist.html?key=${key}&delay=300`;
    document.body.append(frame);
    await loaded;
    const page = frame.contentWindow as Page;
    const chat = page.document.querySelector('stream-chat') as StreamChat;
    await chat.updateComplete;
    expect(page.writes, 'nothing written before the restore').to.deep.equal([]);
    await until(() => chat.messages.length === 2, 'the history is back');
    expect(page.writes.filter(([kind]) => kind === 'remove')).to.deep.equal([]);
    chat.clear();
    await until(() => localStorage.getItem(key) === null, 'clear() erases the saved history');
  });
});
