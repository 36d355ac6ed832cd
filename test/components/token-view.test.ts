import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Marked, type MarkedExtension } from 'marked';
import '../../src/define.js';
import { TokenView } from '../../src/index.js';
import { sanitize } from '../../src/markdown/sanitize.js';
import { documents, pseudoTokens } from '../../bench/token-view-docs.js';
import { until } from '../controllers/manual-transport.js';
import { tricky } from '../markdown/corpus.js';
import { randomChunks } from '../markdown/helpers.js';
import {
  blocks,
  content,
  markup,
  crossOriginPixel,
  nextFrame,
  pixelHits,
  renderedWhole,
  streamInto,
  tokenView,
  uniqueId,
} from '../markdown/dom-helpers.js';

describe('<token-view> API', function () {
  // On a busy machine axe checks and image fetches take a while; `until` waits up to 5 s.
  this.timeout(15_000);
  it('is registered, and define() is idempotent', () => {
    expect(customElements.get('token-view')).to.equal(TokenView);
    expect(() => TokenView.define()).not.to.throw();
    expect(customElements.get('token-view')).to.equal(TokenView);
  });

  it('is accessible when empty and with rich content', async () => {
    const el = await tokenView();
    await expect(el).to.be.accessible();
    el.text = `# Title\n\nText with a [link](https://example.com) and ![remote](${crossOriginPixel('axe')}).\n\n- [x] done\n- [ ] to do\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n\`\`\`js\nconst a = 1;\n\`\`\`\n\n> quote`;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('write() only appends: the DOM changes at the next animation frame', async () => {
    const el = await tokenView();
    el.write('# Title\n\nSome **bold**');
    el.write(' text.');
    await Promise.resolve();
    expect(content(el).childNodes.length).to.equal(0);
    expect(el.text).to.equal('# Title\n\nSome **bold** text.');
    expect(el.streaming).to.equal(true);
    await nextFrame();
    await el.updateComplete;
    expect(content(el).querySelector('h1')?.textContent).to.equal('Title');
    expect(content(el).querySelector('strong')?.textContent).to.equal('bold');
  });

  it('renders at most once per frame however many chunks arrive', async () => {
    const el = await tokenView();
    el.highlighter = null;
    const batches: number[] = [];
    new MutationObserver((records) => batches.push(records.length)).observe(content(el), {
      childList: true,
      subtree: true,
      characterData: true,
    });
    for (const token of pseudoTokens(documents[0]!.text.slice(0, 2000))) el.write(token);
    await el.updateComplete;
    expect(batches.length).to.equal(1);
    expect(content(el).textContent).to.include('Streaming the payments service');
  });

  it('waits at least throttle ms between renders while streaming; end() renders at once', async () => {
    const el = await tokenView();
    expect(el.throttle).to.equal(0);
    el.throttle = 60_000;
    el.write('first');
    await el.updateComplete;
    el.write(' second');
    await nextFrame();
    await nextFrame();
    expect(content(el).textContent).to.equal('first\n');
    el.end();
    await el.updateComplete;
    expect(content(el).textContent).to.equal('first second\n');
  });

  it('reflects streaming; end() and reset() clear it', async () => {
    const el = await tokenView();
    el.write('a');
    await el.updateComplete;
    expect(el.hasAttribute('streaming')).to.equal(true);
    el.end();
    await el.updateComplete;
    expect(el.hasAttribute('streaming')).to.equal(false);
    el.write('b');
    el.reset();
    await el.updateComplete;
    expect(el.streaming).to.equal(false);
    expect(el.text).to.equal('');
    expect(content(el).childNodes.length).to.equal(0);
  });

  it('maps the images, image-origins and throttle attributes to properties', async () => {
    const el = await fixture<TokenView>(
      html`<token-view
        images="none"
        image-origins="https://a.example https://b.example"
        throttle="0"
      ></token-view>`,
    );
    expect(el.throttle).to.equal(0);
    expect(el.images).to.equal('none');
    expect(el.imageOrigins).to.equal('https://a.example https://b.example');
    expect(new TokenView().images).to.equal('click');
  });

  it('setting text replaces the content', async () => {
    const el = await tokenView();
    el.write('first answer');
    await el.updateComplete;
    el.text = '# second';
    await el.updateComplete;
    expect(markup(el)).to.equal('<h1>second</h1>\n');
    expect(el.text).to.equal('# second');
  });

  it('renders a text set before it is connected', async () => {
    const el = document.createElement('token-view');
    el.text = '*early*';
    document.body.append(el);
    await el.updateComplete;
    expect(markup(el)).to.equal('<p><em>early</em></p>\n');
    el.remove();
  });

  it('survives being removed and re-added mid-stream many times', async () => {
    for (let i = 0; i < 20; i += 1) {
      const el = await tokenView();
      el.write('# Title\n\nSome text ');
      el.remove();
      el.write('more');
      document.body.append(el);
      el.end();
      await el.updateComplete;
      expect(content(el).textContent).to.equal('Title\nSome text more\n');
      el.remove();
    }
  });
});

describe('<token-view> streamed equals whole', () => {
  for (const [index, doc] of tricky.entries()) {
    it(`tricky #${index}: random chunks and frames`, async function () {
      this.timeout(20_000);
      const whole = await renderedWhole(doc);
      const el = await tokenView();
      await streamInto(el, randomChunks(doc, index + 1, 6), index, 3);
      expect(content(el).innerHTML).to.equal(whole);
    });
  }

  for (const index of [0, 2, 6, 7]) {
    it(`tricky #${index}: char by char, a frame after each`, async function () {
      this.timeout(30_000);
      const doc = tricky[index]!;
      const el = await tokenView();
      await streamInto(el, [...doc]);
      expect(content(el).innerHTML).to.equal(await renderedWhole(doc));
    });
  }

  for (const { name, text } of documents.slice(0, 2)) {
    it(`${name} document: pseudo-LLM tokens, 3 seeds`, async function () {
      this.timeout(60_000);
      const whole = await renderedWhole(text);
      for (const seed of [1, 2, 3]) {
        const el = await tokenView();
        await streamInto(el, pseudoTokens(text, seed), seed, 40);
        expect(content(el).innerHTML, `seed ${seed}`).to.equal(whole);
        el.remove();
      }
    });
  }

  it('renders the whole text exactly as marked would, with the same sanitising', async function () {
    this.timeout(20_000);
    const marked = new Marked({
      renderer: { checkbox: ({ checked }) => (checked ? '☑ ' : '☐ ') },
    });
    for (const doc of [...tricky, documents[1]!.text]) {
      const el = await tokenView();
      el.highlighter = null;
      el.images = 'allow';
      el.text = doc;
      await el.updateComplete;
      // Undo the code block decoration: the header goes, the pre takes the wrapper's place.
      for (const block of content(el).querySelectorAll('[part="code-block"]')) {
        block.replaceWith(block.querySelector('pre')!);
      }
      for (const img of content(el).querySelectorAll('img')) img.removeAttribute('referrerpolicy');
      const reference = document.createElement('div');
      reference.append(sanitize(marked.parse(doc.replace(/^\uFEFF/, '')) as string));
      // Raw HTML is confined to its block, so a tag spanning blocks nests differently from
      // marked's output: there the text must still be the same, in the same order.
      if (!/<div|<details/.test(doc)) expect(markup(el)).to.equal(reference.innerHTML);
      else expect(content(el).textContent, doc).to.equal(reference.textContent);
      el.remove();
    }
  });
});

describe('<token-view> finished blocks', function () {
  this.timeout(15_000);
  const paragraphs = Array.from(
    { length: 12 },
    (_, i) => `Paragraph ${i} has **some** text and a [link](https://example.com/${i}).`,
  );

  it('renders a finished block once: its nodes are never touched again and a selection in it survives', async function () {
    this.timeout(20_000);
    const el = await tokenView();
    const finished: Node[] = [];
    const touched: string[] = [];
    new MutationObserver((records) => {
      for (const record of records) {
        const nodes = [record.target, ...record.removedNodes];
        if (nodes.some((node) => finished.some((block) => block.contains(node)))) {
          touched.push(
            `${record.type} in ${(record.target as Element).outerHTML ?? record.target.textContent}`,
          );
        }
      }
    }).observe(content(el), {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
    });
    let selected: Text | undefined;
    for (const [i, paragraph] of paragraphs.entries()) {
      for (const chunk of randomChunks(paragraph + '\n\n', i, 4)) {
        el.write(chunk);
        await el.updateComplete;
      }
      // The next block has not started yet: this one may still change. Start it.
      el.write('- ');
      el.write('item\n\n');
      await el.updateComplete;
      const rendered = blocks(el);
      finished.push(rendered.at(-2)!);
      if (i === 0) {
        selected = rendered[0]!.firstChild as Text;
        getSelection()!.setBaseAndExtent(selected, 0, selected, 9);
      }
    }
    el.end();
    await el.updateComplete;
    expect(touched).to.deep.equal([]);
    for (const block of finished) expect(block.isConnected).to.equal(true);
    expect(selected!.isConnected).to.equal(true);
    expect(getSelection()!.toString()).to.equal('Paragraph');
    const range = getSelection()!.getComposedRanges({ shadowRoots: [el.shadowRoot!] })[0]!;
    expect(range.startContainer).to.equal(selected);
  });

  it('puts each block straight into the content; in a long answer it skips layout while off screen', async () => {
    const el = await tokenView();
    const paragraphs = Array.from({ length: 150 }, (_, i) => `Paragraph ${i}.`);
    // A short answer (most chat messages) lays out as usual.
    el.write(paragraphs.slice(0, 10).join('\n\n'));
    await el.updateComplete;
    expect(getComputedStyle(blocks(el)[0]!).contentVisibility).to.equal('visible');
    el.write('\n\n' + paragraphs.slice(10, 100).join('\n\n'));
    await el.updateComplete;
    const first = blocks(el)[0]!;
    expect(blocks(el).length).to.equal(100);
    el.write('\n\n' + paragraphs.slice(100).join('\n\n'));
    el.end();
    await el.updateComplete;
    expect(blocks(el)[0]).to.equal(first);
    expect(blocks(el).map((block) => block.localName)).to.deep.equal(paragraphs.map(() => 'p'));
    for (const block of [blocks(el)[0]!, blocks(el)[149]!]) {
      expect(getComputedStyle(block).contentVisibility).to.equal('auto');
    }
    el.style.setProperty('--token-view-content-visibility', 'visible');
    expect(getComputedStyle(first).contentVisibility).to.equal('visible');
  });

  it('grows a paragraph and a code block in place, appending to their text nodes', async () => {
    const el = await tokenView();
    // Highlighting would replace the finished block's text: this is about growing in place.
    el.highlighter = null;
    el.write('Growing para');
    await el.updateComplete;
    const paragraph = content(el).querySelector('p')!;
    const text = paragraph.firstChild!;
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(content(el), { childList: true, subtree: true, characterData: true });
    for (const chunk of ['graph gro', 'ws and', ' grows']) {
      el.write(chunk);
      await el.updateComplete;
    }
    expect(content(el).querySelector('p')).to.equal(paragraph);
    expect(paragraph.firstChild).to.equal(text);
    expect(text.textContent).to.equal('Growing paragraph grows and grows');
    expect(records.every((record) => record.type === 'characterData')).to.equal(true);

    el.write('\n\n```js\nconst a');
    await el.updateComplete;
    const pre = content(el).querySelector('pre')!;
    const code = pre.querySelector('code')!;
    const codeText = code.firstChild!;
    expect(code.textContent).to.equal('const a\n');
    for (const chunk of [' = 1;\n', 'const b = 2;\n', '```\n\nAfter.']) {
      el.write(chunk);
      await nextFrame();
      await nextFrame();
      expect(content(el).querySelector('pre')).to.equal(pre);
    }
    expect(code.firstChild).to.equal(codeText);
    expect(codeText.textContent).to.equal('const a = 1;\nconst b = 2;\n');
    observer.disconnect();
  });

  it('shows an open code fence at once as a growing code block, with its language', async () => {
    const el = await tokenView();
    el.write('Intro\n\n```pyth');
    await el.updateComplete;
    expect(content(el).querySelector('pre')).not.to.equal(null);
    expect(content(el).textContent).not.to.include('`');
    el.write('on\nprint("hi")\nx = 2 *');
    await el.updateComplete;
    const block = content(el).querySelector('[part="code-block"]')!;
    expect(block.querySelector('[part="code-language"]')!.textContent).to.equal('python');
    expect(block.querySelector('code')!.textContent).to.equal('print("hi")\nx = 2 *\n');
  });

  it('shows a table once its delimiter row has arrived, and never a raw header row', async () => {
    const el = await tokenView();
    el.write('Intro\n\n| Name | Value |');
    await el.updateComplete;
    expect(content(el).textContent).not.to.include('|');
    el.write('\n| --- | --- |\n| a | 1');
    await el.updateComplete;
    expect(content(el).querySelector('table')).not.to.equal(null);
    expect(content(el).querySelector('td')!.textContent).to.equal('a');
  });

  it('never shows half-typed emphasis, code or links', async () => {
    const el = await tokenView();
    el.write('Some **bold and `code` and [a link](https://exa');
    await el.updateComplete;
    const shown = content(el);
    expect(shown.textContent).to.equal('Some bold and code and a link\n');
    expect(shown.querySelector('strong')).not.to.equal(null);
    expect(shown.querySelector('a')!.hasAttribute('href')).to.equal(false);
  });
});

/** Runs `test` with the clipboard's writeText replaced by `writeText`. */
async function withClipboard(
  writeText: Clipboard['writeText'],
  test: () => Promise<void>,
): Promise<void> {
  const original = navigator.clipboard.writeText;
  navigator.clipboard.writeText = writeText;
  try {
    await test();
  } finally {
    navigator.clipboard.writeText = original;
  }
}

describe('<token-view> code blocks', function () {
  this.timeout(15_000);
  it('copies the exact source with the copy button, by click or keyboard, and announces it', async () => {
    const el = await tokenView();
    const source = 'const a = "<b>";\n\n  indented();';
    el.text = `Text\n\n\`\`\`js\n${source}\n\`\`\``;
    await el.updateComplete;
    const copied: string[] = [];
    await withClipboard(
      async (text: string) => void copied.push(text),
      async () => {
        const button = content(el).querySelector<HTMLButtonElement>('[part="copy-button"]')!;
        expect(button.getAttribute('aria-label')).to.equal('Copy code');
        button.click();
        await until(() => copied.length === 1);
        expect(copied[0]).to.equal(source);
        const status = el.shadowRoot!.querySelector('[role="status"]')!;
        await until(() => status.textContent === 'Copied');
        expect(button.textContent).to.equal('Copied');
        button.focus();
        await sendKeys({ press: 'Enter' });
        await until(() => copied.length === 2);
        expect(copied[1]).to.equal(source);
      },
    );
  });

  it('shows and announces its strings in another language through `strings`', async () => {
    const el = await tokenView();
    el.strings = { copy: 'Copier', copyCode: 'Copier le code', copied: 'Copié' };
    el.text = '```\nx\n```\n\n![carte](https://images.example/c.png)';
    await el.updateComplete;
    const button = content(el).querySelector<HTMLButtonElement>('[part="copy-button"]')!;
    expect(button.textContent).to.equal('Copier');
    expect(button.getAttribute('aria-label')).to.equal('Copier le code');
    el.strings = { ...el.strings, loadImage: 'Charger l’image de {host}' };
    await el.updateComplete;
    const image = content(el).querySelector('[part="image-button"]')!;
    expect(image.textContent).to.equal('Charger l’image de images.example');
    await withClipboard(
      async () => undefined,
      async () => {
        content(el).querySelector<HTMLButtonElement>('[part="copy-button"]')!.click();
        const status = el.shadowRoot!.querySelector('[role="status"]')!;
        await until(() => status.textContent === 'Copié');
      },
    );
  });

  it('announces a failed copy', async () => {
    const el = await tokenView();
    el.text = '```\nx\n```';
    await el.updateComplete;
    await withClipboard(
      () => Promise.reject(new DOMException('denied', 'NotAllowedError')),
      async () => {
        content(el).querySelector<HTMLButtonElement>('[part="copy-button"]')!.click();
        const status = el.shadowRoot!.querySelector('[role="status"]')!;
        await until(() => status.textContent === 'Copy failed');
      },
    );
  });

  it('highlights each code block once, when it is finished, with a custom highlighter', async () => {
    const el = await tokenView();
    const calls: string[] = [];
    el.highlighter = (code, lang) => {
      calls.push(`${lang}:${code}`);
      return `<span class="hljs-keyword">${code.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</span>`;
    };
    const doc =
      'Intro\n\n```js\nlet a;\n```\n\nMiddle\n\n```py\nb = 1\n```\n\n```\nplain\n```\n\nEnd';
    await streamInto(el, [...doc]);
    expect(calls).to.deep.equal(['js:let a;\n', 'py:b = 1\n', ':plain\n']);
    expect(content(el).querySelectorAll('code .hljs-keyword').length).to.equal(3);
  });

  it('sanitises what the highlighter returns, and waits for an async one', async () => {
    const el = await tokenView();
    el.highlighter = async (code) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return `<img src=x onerror="window.__pwned = true"><script>window.__pwned = true</script><b>${code}</b>`;
    };
    el.text = '```\nsafe\n```';
    await el.updateComplete;
    const code = content(el).querySelector('code')!;
    expect(code.innerHTML).to.equal('<img src="x" referrerpolicy="no-referrer"><b>safe\n</b>');
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });

  it('leaves code plain when highlighter is null', async () => {
    const el = await tokenView();
    el.highlighter = null;
    el.text = '```js\nlet a = 1;\n```';
    await el.updateComplete;
    expect(content(el).querySelector('code')!.innerHTML).to.equal('let a = 1;\n');
  });
});

describe('<token-view> images', function () {
  this.timeout(15_000);
  it('by default shows a "Load image from <host>" button and fetches only when it is clicked', async () => {
    const id = uniqueId('click');
    const el = await tokenView();
    el.text = `Look: ![a chart](${crossOriginPixel(id)})`;
    await el.updateComplete;
    const button = content(el).querySelector<HTMLButtonElement>('[part="image-button"]')!;
    expect(button.textContent).to.equal(`Load image from ${new URL(crossOriginPixel(id)).host}`);
    expect(content(el).querySelector('img')).to.equal(null);
    // An image allowed beside it has been fetched: the blocked one had its chance too.
    const witness = uniqueId('witness');
    const beside = await tokenView();
    beside.text = `![witness](/mock/markdown/pixel?id=${witness})`;
    await until(async () => (await pixelHits(witness)) === 1, 'the witness image loads');
    expect(await pixelHits(id)).to.equal(0);
    button.click();
    await el.updateComplete;
    const img = content(el).querySelector('img')!;
    expect(img.alt).to.equal('a chart');
    expect(img.referrerPolicy).to.equal('no-referrer');
    await until(async () => (await pixelHits(id)) === 1);
  });

  it('loads images from this origin and from image-origins, and all of them with images="allow"', async () => {
    const same = uniqueId('same');
    const listed = uniqueId('listed');
    const allowed = uniqueId('allowed');
    const el = await tokenView();
    el.imageOrigins = `https://cdn.example ${new URL(crossOriginPixel(listed)).origin}`;
    el.text = `![same](/mock/markdown/pixel?id=${same}) ![listed](${crossOriginPixel(listed)})`;
    await el.updateComplete;
    expect(content(el).querySelectorAll('img').length).to.equal(2);
    await until(async () => (await pixelHits(same)) === 1 && (await pixelHits(listed)) === 1);
    const all = await fixture<TokenView>(html`<token-view images="allow"></token-view>`);
    all.text = `![allowed](${crossOriginPixel(allowed)})`;
    await all.updateComplete;
    await until(async () => (await pixelHits(allowed)) === 1);
  });

  it('shows only the alt text with images="none"', async () => {
    const id = uniqueId('none');
    const el = await fixture<TokenView>(html`<token-view images="none"></token-view>`);
    el.text = `Before ![the alt](${crossOriginPixel(id)}) after`;
    await el.updateComplete;
    expect(content(el).textContent).to.equal('Before the alt after\n');
    expect(content(el).querySelector('img, button')).to.equal(null);
    const witness = uniqueId('witness');
    const beside = await tokenView();
    beside.text = `![witness](/mock/markdown/pixel?id=${witness})`;
    await until(async () => (await pixelHits(witness)) === 1, 'the witness image loads');
    expect(await pixelHits(id)).to.equal(0);
  });

  it('never fetches a half-written image URL, even with images="allow"', async function () {
    this.timeout(20_000);
    const id = uniqueId('partial');
    const el = await fixture<TokenView>(html`<token-view images="allow"></token-view>`);
    const url = crossOriginPixel(id);
    const requested: string[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (url.startsWith(entry.name)) requested.push(entry.name);
    });
    observer.observe({ type: 'resource' });
    await streamInto(el, [...`Chart: ![chart](${url}) done.`]);
    await until(async () => (await pixelHits(id)) === 1 && requested.length > 0);
    observer.disconnect();
    expect(requested).to.deep.equal([url]);
  });
});

describe('<token-view> extensions', function () {
  this.timeout(15_000);
  it('accepts marked extensions (here inline math); their HTML is sanitised too', async () => {
    const math: MarkedExtension = {
      extensions: [
        {
          name: 'math',
          level: 'inline',
          start: (src) => src.indexOf('$'),
          tokenizer(src) {
            const match = /^\$([^$\n]+)\$/.exec(src);
            return match ? { type: 'math', raw: match[0], text: match[1]! } : undefined;
          },
          renderer: (token) =>
            `<span class="math" onclick="window.__pwned = true">${token.text as string}</span>`,
        },
      ],
    };
    const el = await tokenView();
    el.extensions = [math];
    el.text = 'Euler: $e^{i\\pi}+1=0$.';
    await el.updateComplete;
    expect(markup(el)).to.equal('<p>Euler: <span class="math">e^{i\\pi}+1=0</span>.</p>\n');
  });
});
