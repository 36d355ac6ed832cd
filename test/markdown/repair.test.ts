import { expect } from '@open-wc/testing';
import { Marked } from 'marked';
import { PENDING_HREF, repairTail } from '../../src/markdown/repair.js';
import { sanitize } from '../../src/markdown/sanitize.js';
import { documents } from '../../bench/token-view-docs.js';
import { tricky } from './corpus.js';
import { streamCore } from './helpers.js';

const render = (markdown: string) => sanitize(new Marked().parse(markdown) as string);
// Brackets are left out: a reference link resolves only once its definition has arrived.
const words = (text: string) => text.replace(/[[\]]/g, '').replace(/\s+/g, ' ').trim();

describe('repairTail', () => {
  const cases: [string, string][] = [
    ['Some **bol', 'Some **bol**'],
    ['Some *em', 'Some *em*'],
    ['Some ***both', 'Some ***both***'],
    ['Some __strong', 'Some __strong__'],
    ['a ~~strike', 'a ~~strike~~'],
    ['a `code', 'a `code`'],
    ['a ``co`de', 'a ``co`de``'],
    ['a `**not em', 'a `**not em`'],
    ['**bold and *em', '**bold and *em***'],
    ['Some **bold** and *em', 'Some **bold** and *em*'],
    ['trailing **', 'trailing '],
    ['trailing `', 'trailing '],
    ['snake_case and 2*3 and a * b', 'snake_case and 2*3 and a * b'],
    ['**bold **', '**bold**'],
    ['see [the docs', `see [the docs](${PENDING_HREF})`],
    ['see [the **docs', `see [the **docs**](${PENDING_HREF})`],
    ['see [the docs](https://exa', `see [the docs](${PENDING_HREF})`],
    ['see [the docs](https://example.com) done', 'see [the docs](https://example.com) done'],
    ['see [a [nested] one', `see [a [nested] one](${PENDING_HREF})`],
    ['an image ![alt', 'an image '],
    ['an image ![alt](https://example.com/x.pn', 'an image '],
    ['**bold ![alt](https://x', '**bold**'],
    ['link [![img](https://x.png)](https://exa', `link [![img](https://x.png)](${PENDING_HREF})`],
    ['a <span class="x', 'a '],
    ['a <b>bold</b> <', 'a <b>bold</b> '],
    ['a </', 'a '],
    ['line end \\', 'line end '],
    ['中文**加粗**和*斜', '中文**加粗**和*斜*'],
    ['see [the docs]', `see [the docs](${PENDING_HREF})`],
    ['see [the docs] or', 'see [the docs] or'],
    ['an image ![alt]', 'an image '],
    ['a ``co`', 'a ``co``'],
    ['| 1 | **2', ''],
    ['- [x', ''],
    ['- [ ] ', ''],
    ['[ref]: https://exa', ''],
    ['[link text', ''],
    ['text [link text', `text [link text](${PENDING_HREF})`],
    ['Great!', 'Great'],
    ['text <!-', 'text '],
    ['see <https://exa', 'see '],
    ['hard\\\n', 'hard\n'],
    ['a < b and i<n: fine', 'a < b and i<n: fine'],
    ['AT&T and &am', 'AT&T and '],
    ['visit https://example.com/pa', 'visit '],
    ['visit www.exam', 'visit '],
    ['\\*escaped\\* and \\`', '\\*escaped\\* and \\`'],
    ['- item **bo', '- item **bo**'],
    ['> quoted *em', '> quoted *em*'],
    ['## Heading `co', '## Heading `co`'],
    ['para\n#', 'para\n'],
    ['para\n##', 'para\n'],
    ['para\n-', 'para\n'],
    ['para\n1.', 'para\n'],
    ['Title\n===', 'Title\n'],
    ['para\n\n>', 'para\n\n'],
    ['| a | b |', ''],
    ['| a | b |\n', ''],
    ['| a | b |\n| --- | -', ''],
    ['text\n\n| a | b |\n| --- | --- |\n', 'text\n\n| a | b |\n| --- | --- |\n'],
    ['| a | b |\n| --- | --- |\n| 1 | **2', '| a | b |\n| --- | --- |\n| 1 | **2**'],
    ['```py', '```'],
    ['```python\nprint("**")', '```python\nprint("**")'],
    ['```python\nx = 1\n``', '```python\nx = 1\n'],
    ['~~~\n*a', '~~~\n*a'],
    ['```\nclosed\n```\nafter *em', '```\nclosed\n```\nafter *em*'],
  ];
  for (const [tail, expected] of cases) {
    it(`${JSON.stringify(tail)} shows as ${JSON.stringify(expected)}`, () => {
      expect(repairTail(tail)).to.equal(expected);
    });
  }
});

describe('tail repair at every prefix', () => {
  // What a reader sees after each character must never show syntax the finished answer does
  // not show: its visible text is a prefix of the final text, links carry no partial address,
  // and no image loads from a partial URL.
  // Reference links before their definition are left out: they resolve only at the end.
  const docs = [...tricky.filter((doc) => !doc.includes('[docs]:')), documents[0]!.text];
  for (const [index, doc] of docs.entries()) {
    it(`document ${index}`, function () {
      this.timeout(20_000);
      const final = render(doc);
      const text = words(final.textContent ?? '');
      const hrefs = new Set(
        [...final.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      );
      const srcs = new Set(
        [...final.querySelectorAll('img')].map((img) => img.getAttribute('src')),
      );
      const { frames } = streamCore([...doc], true);
      for (const [at, html] of frames.entries()) {
        const shown = sanitize(html);
        const seen = words(shown.textContent ?? '');
        const where = `after ${JSON.stringify(doc.slice(Math.max(0, at - 30), at + 1))}`;
        expect(text.startsWith(seen), `${where}: ${JSON.stringify(seen.slice(-60))}`).to.equal(
          true,
        );
        for (const a of shown.querySelectorAll('a[href]')) {
          expect(
            hrefs.has(a.getAttribute('href')),
            `${where}: href ${a.getAttribute('href')}`,
          ).to.equal(true);
        }
        for (const img of shown.querySelectorAll('img')) {
          expect(
            srcs.has(img.getAttribute('src')),
            `${where}: src ${img.getAttribute('src')}`,
          ).to.equal(true);
        }
      }
    });
  }
});
