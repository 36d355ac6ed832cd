import { expect } from '@open-wc/testing';
import { referenceAnswer } from '../../bench/token-view-docs.js';
import {
  blocks,
  content,
  crossOriginPixel,
  markup,
  renderedWhole,
  tokenView,
} from '../markdown/dom-helpers.js';

/** Counts the nodes of `node`'s subtree, itself included. */
const count = (node: Node): number =>
  [...node.childNodes].reduce((sum, child) => sum + count(child), 1);

describe('<token-view> late reference definitions', () => {
  it('patch the links and images of finished blocks in place, keeping nodes and selection', async () => {
    const el = await tokenView();
    const logo = crossOriginPixel('late-definition');
    el.write('See [the docs] and ![logo][img] here.\n\nSecond [The\nDocs] use.\n\n');
    el.write('A paragraph that stays as it is.\n\n');
    await el.updateComplete;
    const [first, second, third] = blocks(el);
    expect(first!.textContent).to.equal('See [the docs] and ![logo][img] here.');
    const text = first!.firstChild as Text;
    getSelection()!.setBaseAndExtent(text, 0, text, 3);
    const removed: Node[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records) removed.push(...record.removedNodes);
    });
    observer.observe(content(el), { childList: true, subtree: true });
    const definitions = `[ THE   docs ]: https://example.com/docs "The docs"\n[img]: ${logo}\n[bad]: javascript:alert(1)\n\nEnd [bad].`;
    el.write(definitions);
    el.end();
    await el.updateComplete;
    observer.disconnect();

    expect(blocks(el).slice(0, 3)).to.deep.equal([first, second, third]);
    expect(first!.firstChild).to.equal(text);
    expect(removed.filter((node) => first!.contains(node) || node === first)).to.deep.equal([]);
    expect(getSelection()!.toString()).to.equal('See');
    const link = first!.querySelector('a')!;
    expect(link.href).to.equal('https://example.com/docs');
    expect(link.title).to.equal('The docs');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer nofollow');
    // The image policy applies as to any image: another origin waits for a click.
    expect(first!.querySelector('img')).to.equal(null);
    expect(first!.querySelector('[part="image-button"]')?.textContent).to.include(
      new URL(logo).host,
    );
    expect(second!.querySelector('a')?.href).to.equal('https://example.com/docs');
    // The URL policy too: a javascript: definition links nowhere.
    expect(blocks(el).at(-1)!.outerHTML).to.equal('<p>End <a>bad</a>.</p>');
    const doc = 'See [the docs] and ![logo][img] here.\n\nSecond [The\nDocs] use.\n\n';
    const whole = await renderedWhole(`${doc}A paragraph that stays as it is.\n\n${definitions}`);
    expect(markup(el)).to.equal(whole);
  });

  it('leave the finishing touches of a patched block alone: its highlighted code stays', async () => {
    const el = await tokenView();
    el.highlighter = (code) => `<span class="hl">${code.length}</span>`;
    el.write('- see [x]\n\n  ```js\n  const a = 1;\n  ```\n\nNext paragraph.\n\n');
    await el.updateComplete;
    const code = content(el).querySelector('code')!;
    expect(code.classList.contains('highlighted')).to.equal(true);
    expect(code.innerHTML).to.equal('<span class="hl">13</span>');
    el.write('[x]: https://example.com/x\n\nEnd.');
    el.end();
    await el.updateComplete;
    expect(content(el).querySelector('li a')?.getAttribute('href')).to.equal(
      'https://example.com/x',
    );
    expect(content(el).querySelector('code')).to.equal(code);
    expect(code.innerHTML).to.equal('<span class="hl">13</span>');
  });

  it('never remove a node inside a finished block while a long answer streams', async function () {
    this.timeout(30_000);
    const el = await tokenView();
    el.highlighter = null;
    const doc = referenceAnswer(24_000);
    const finished = new Set<Node>();
    const inFinished = (node: Node) => {
      for (let at: Node | null = node; at && at !== content(el); at = at.parentNode) {
        if (finished.has(at)) return true;
      }
      return false;
    };
    const breaches: string[] = [];
    let removed = 0;
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.removedNodes) {
          removed += count(node);
          if (finished.has(node) || inFinished(record.target)) {
            breaches.push(`${node.nodeName} from ${(record.target as Element).outerHTML}`);
          }
        }
      }
    });
    observer.observe(content(el), { childList: true, subtree: true });
    for (let at = 0; at < doc.length; at += 300) {
      el.write(doc.slice(at, at + 300));
      await el.updateComplete;
      // Whatever may still change is in the last few blocks: everything before is finished.
      for (const block of blocks(el).slice(0, -3)) finished.add(block);
    }
    el.end();
    await el.updateComplete;
    observer.disconnect();
    expect(finished.size).to.be.greaterThan(50);
    expect(breaches).to.deep.equal([]);
    // Late definitions resolved, in place.
    expect(
      content(el).querySelectorAll('a[href^="https://developer.mozilla.org"]').length,
    ).to.be.greaterThan(0);
    expect(removed).to.be.lessThan(count(content(el)) / 10);
    expect(markup(el)).to.equal(await renderedWhole(doc, (whole) => (whole.highlighter = null)));
  });
});
