import { expect } from '@open-wc/testing';
import type { StreamChat, TokenView } from '../../src/index.js';
import { until } from '../controllers/manual-transport.js';
import { socketUrl } from '../helpers/server.js';

/** What /mock/frameworks/cdn-files reports (see test/server/routes/frameworks.mjs). */
interface CdnFiles {
  /** The directory the fake CDN serves dist/ under, e.g. /mock/cdn/stream-chat-elements@0/dist/. */
  cdnDir: string;
  /** The answer of the page's SSE endpoint. */
  pageAnswer: string;
  /** dist/ files the CDN routes were registered for when the runner started. */
  served: string[];
  /** The embed's files in dist/ now, with their source. */
  embed: { name: string; source: string }[];
}

const EMBED = 'stream-chat-elements.js';
/** A quoted specifier naming one of the embed's sibling chunks, e.g. "./stream-chat-elements.x-1a.js". */
const CHUNK_REFERENCE = /(["'`])([^"'`\s]*?(stream-chat-elements\.[\w.-]+?\.js))\1/g;

/** The embed's chunks the main file can reach, following the references between them. */
function reachableChunks(files: CdnFiles): Set<string> {
  const sources = new Map(files.embed.map(({ name, source }) => [name, source]));
  const reached = new Set<string>();
  const queue = [EMBED];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const match of (sources.get(name) ?? '').matchAll(CHUNK_REFERENCE)) {
      const chunk = match[3]!;
      if (chunk !== EMBED && !reached.has(chunk)) {
        reached.add(chunk);
        queue.push(chunk);
      }
    }
  }
  return reached;
}

describe('the embed on a plain page (examples/html), loaded from a CDN path', () => {
  let files: CdnFiles;
  let frame: HTMLIFrameElement;
  let page: Window & typeof globalThis;

  const defined = () =>
    Promise.all(
      ['stream-chat', 'token-view', 'stop-button'].map((tag) =>
        page.customElements.whenDefined(tag),
      ),
    );
  const status = () => page.document.querySelector('[role="status"]')?.textContent ?? '';
  /** The sibling chunks the page fetched, from wherever it fetched them. */
  const chunkLoads = () =>
    (page.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) =>
      /\/stream-chat-elements\.[^/]+\.js$/.test(new URL(entry.name).pathname),
    );

  before(async () => {
    files = (await (await fetch('/mock/frameworks/cdn-files')).json()) as CdnFiles;
  });

  beforeEach(async () => {
    frame = document.createElement('iframe');
    const loaded = new Promise((resolve) =>
      frame.addEventListener('load', resolve, { once: true }),
    );
    frame.src = '/mock/frameworks/script-tag.html';
    document.body.append(frame);
    await loaded;
    page = frame.contentWindow as Window & typeof globalThis;
  });

  afterEach(() => frame.remove());

  it('serves the built embed and every chunk it can reach', () => {
    expect(
      files.embed.map((file) => file.name),
      'run the build first',
    ).to.include(EMBED);
    const missing = [...reachableChunks(files)].filter((chunk) => !files.served.includes(chunk));
    expect(missing, 'dist/ changed after the runner started: restart it').to.deep.equal([]);
  });

  it('registers the elements and configures the chat from HTML attributes alone', async () => {
    await defined();
    const script = page.document.querySelector<HTMLScriptElement>('script[src]')!;
    expect(new URL(script.src).pathname).to.equal(files.cdnDir + EMBED);
    const chat = page.document.querySelector('stream-chat') as StreamChat;
    expect(chat).to.be.instanceOf(page.customElements.get('stream-chat')!);
    expect(chat.endpoint).to.equal('/mock/frameworks/v1/chat/completions');
    expect(chat.protocol).to.equal('openai');
    expect(chat.model).to.equal('llama3.2');
    expect(page.document.querySelector('stop-button')).to.be.instanceOf(
      page.customElements.get('stop-button')!,
    );
  });

  it('answers over SSE from the endpoint attribute', async function () {
    this.timeout(10_000);
    await defined();
    const chat = page.document.querySelector('stream-chat') as StreamChat;
    void chat.send('Hello');
    await until(() => status().startsWith('Answered'), 'no stream-end');
    expect(status()).to.equal(`Answered: ${files.pageAnswer}`);
  });

  it('imports every sibling chunk by a path relative to the embed', () => {
    let references = 0;
    for (const { name, source } of files.embed) {
      for (const match of source.matchAll(CHUNK_REFERENCE)) {
        references += 1;
        expect(match[2], `${name} refers to ${match[3]}`).to.equal(`./${match[3]}`);
      }
    }
    expect(references, 'no chunk reference found: has the naming changed?').to.be.greaterThan(0);
  });

  it('fetches the lazy chunks it needs from the embed’s own directory', async function () {
    this.timeout(20_000);
    await defined();
    const { document } = page;
    // Everything off the default path is lazy: highlighted code, the other transports and protocols.
    const view = document.createElement('token-view') as TokenView;
    document.body.append(view);
    view.write('```js\nconst answer = 42;\n```\n');
    view.end();
    const runs = (
      [
        ['sse', 'anthropic'],
        ['sse', 'openai-responses'],
        ['sse', 'dify'],
        ['sse', 'ai-sdk'],
        ['sse', 'text'],
        ['ndjson', 'ollama'],
        ['text', 'text'],
        ['websocket', 'openai'],
      ] as const
    ).map(([transport, protocol]) => {
      const chat = document.createElement('stream-chat') as StreamChat;
      chat.setAttribute('transport', transport);
      chat.setAttribute('protocol', protocol);
      chat.setAttribute(
        'endpoint',
        transport === 'websocket'
          ? socketUrl('/mock/frameworks/ws-closed')
          : '/mock/frameworks/no-model',
      );
      document.body.append(chat);
      return chat.send('Hi');
    });
    // The runs fail (there is no model behind them, the socket retries with backoff); by then
    // their chunks have been fetched.
    await Promise.all(runs);
    await view.updateComplete;
    const highlighter = [...reachableChunks(files)].find((chunk) => chunk.includes('.highlight'));
    expect(highlighter, 'the embed has a highlighter chunk').to.be.a('string');
    const highlighted = () => chunkLoads().some((entry) => entry.name.endsWith(highlighter!));
    await until(highlighted, `${highlighter} was not loaded`);
    const loads = chunkLoads();
    expect(reachableChunks(files).size, 'the embed has lazy chunks').to.be.greaterThan(0);
    expect(loads.length, 'no lazy chunk was loaded').to.be.greaterThan(0);
    for (const entry of loads) {
      const path = new URL(entry.name).pathname;
      expect(path.startsWith(files.cdnDir), `${path} is outside ${files.cdnDir}`).to.equal(true);
      expect(entry.responseStatus, path).to.equal(200);
    }
  });
});
