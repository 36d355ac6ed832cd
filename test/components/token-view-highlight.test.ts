import { expect, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import { content, nextFrame, tokenView } from '../markdown/dom-helpers.js';

// Its own file, so its own page: nothing has loaded the default highlighter before these tests.
const requested: string[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) requested.push(entry.name);
}).observe({ type: 'resource', buffered: true });
const highlighterLoaded = () => requested.some((name) => name.includes('/markdown/highlight.'));

describe('<token-view> default highlighter', () => {
  it('is not loaded for text without code, nor when highlighting is off or custom', async () => {
    const plain = await tokenView();
    plain.text = '# No code\n\nJust `inline code`, which is not highlighted.';
    const off = await tokenView();
    off.highlighter = null;
    off.text = '```js\nlet off = true;\n```';
    const custom = await tokenView();
    custom.highlighter = (code) => `<b>${code}</b>`;
    custom.text = '```js\nlet custom = true;\n```';
    await Promise.all([plain.updateComplete, off.updateComplete, custom.updateComplete]);
    expect(content(custom).querySelector('code b')).not.to.equal(null);
    // The chunk custom highlighting needed has arrived, requested after any fetch the rendering
    // of these blocks would have started: the default highlighter had its chance to load.
    await waitUntil(
      () => requested.some((name) => name.includes('/markdown/code-blocks.')),
      'the code-blocks chunk is reported',
      { timeout: 5000 },
    );
    expect(highlighterLoaded()).to.equal(false);
  });

  it('leaves every block unhighlighted when a custom highlighter throws, and logs once', async () => {
    const warnings: unknown[][] = [];
    const { warn } = console;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await tokenView();
      let calls = 0;
      el.highlighter = () => {
        calls += 1;
        throw new Error('highlighter bug');
      };
      el.write('```js\nlet a = 1;\n```\n\n```js\nlet b = 2;\n```\n\n```py\nc = 3\n```');
      el.end();
      await el.updateComplete;
      expect(calls, 'every block was tried').to.equal(3);
      expect([...content(el).querySelectorAll('code')].map((code) => code.innerHTML)).to.deep.equal(
        ['let a = 1;\n', 'let b = 2;\n', 'c = 3\n'],
      );
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]?.[1])).to.contain('highlighter bug');
    } finally {
      console.warn = warn;
    }
  });

  it('loads when the first code block appears, while it still streams', async () => {
    const el = await tokenView();
    el.write('Here is code:\n\n```ts\nconst streaming = ');
    await nextFrame();
    await waitUntil(highlighterLoaded, 'the highlighter chunk is requested', { timeout: 5000 });
    expect(el.streaming).to.equal(true);
    // Not highlighted per token: the open block stays plain until it is finished.
    await el.updateComplete;
    expect(content(el).querySelector('code [class^="hljs-"]')).to.equal(null);
    el.write('true;\n```\n\nDone.');
    await el.updateComplete;
    expect(content(el).querySelector('code .hljs-keyword')?.textContent).to.equal('const');
  });

  it('highlights at end(), adopts its theme, and leaves unknown languages alone', async () => {
    const el = await tokenView();
    el.write("```python\ndef f():\n    return 1\n```\n\n```klingon\nQapla'\n```");
    el.end();
    await el.updateComplete;
    const [python, unknown] = content(el).querySelectorAll('code');
    expect(python!.querySelector('.hljs-keyword')?.textContent).to.equal('def');
    expect(unknown!.innerHTML).to.equal("Qapla'\n");
    const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
    expect(rules.some((rule) => rule.cssText.includes('.hljs-keyword'))).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
