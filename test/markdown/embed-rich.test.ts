import { expect, waitUntil } from '@open-wc/testing';
import type { TokenView } from '../../src/index.js';

/** The part of /mock/frameworks/cdn-files this test needs (see test/server/routes/frameworks.mjs). */
interface CdnFiles {
  cdnDir: string;
}

// The built embed, served from a fake CDN directory: KaTeX's chunk, stylesheet and fonts and
// Mermaid's chunks must come from beside it, and only once a formula or a diagram appears.
describe('the embed with math and diagrams', () => {
  let frame: HTMLIFrameElement;
  afterEach(() => frame?.remove());

  it('fetches KaTeX and Mermaid from its own directory, only when they are needed', async function () {
    this.timeout(90_000);
    const { cdnDir } = (await (await fetch('/mock/frameworks/cdn-files')).json()) as CdnFiles;
    frame = document.createElement('iframe');
    const loaded = new Promise((resolve) =>
      frame.addEventListener('load', resolve, { once: true }),
    );
    frame.srcdoc = `<!doctype html><html lang="en"><head><title>embed</title><script type="module" src="${cdnDir}stream-chat-elements.js"></script></head><body></body></html>`;
    document.body.append(frame);
    await loaded;
    const page = frame.contentWindow as Window & typeof globalThis;
    await waitUntil(() => page.customElements.get('token-view'), 'the embed defines token-view', {
      timeout: 20_000,
    });
    const loads = () =>
      (page.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
        (entry) => ({ path: new URL(entry.name).pathname, status: entry.responseStatus }),
      );
    const loadedFile = (pattern: RegExp) => loads().some(({ path }) => pattern.test(path));
    const view = page.document.createElement('token-view') as TokenView;
    page.document.body.append(view);
    view.text = 'Plain text, a price of $5 and\n\n```js\nconst code = true;\n```';
    await view.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(loadedFile(/math-render|katex|diagram/), 'nothing before a formula or diagram').to.equal(
      false,
    );

    view.text = '$\\mathcal{A} = \\int f$\n\n```mermaid\ngraph LR\n  A --> B\n```';
    await view.updateComplete;
    expect(view.shadowRoot!.querySelector('.katex')).not.to.equal(null);
    expect(view.shadowRoot!.querySelector('[part="diagram"] svg')).not.to.equal(null);
    await page.document.fonts.load('1em KaTeX_Caligraphic');
    expect(page.document.fonts.check('1em KaTeX_Caligraphic')).to.equal(true);
    await waitUntil(() => loadedFile(/\/katex\/fonts\/KaTeX_Caligraphic-Regular\.woff2$/));
    expect(loadedFile(/\/stream-chat-elements\.math-render-[\w-]+\.js$/)).to.equal(true);
    expect(loadedFile(/\/katex\/katex\.min\.css$/)).to.equal(true);
    expect(loadedFile(/\/stream-chat-elements\.diagram-render-[\w-]+\.js$/)).to.equal(true);
    for (const { path, status } of loads()) {
      expect(path.startsWith(cdnDir), `${path} is outside ${cdnDir}`).to.equal(true);
      expect(status, path).to.equal(200);
    }
  });
});
