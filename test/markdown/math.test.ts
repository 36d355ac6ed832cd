import { expect } from '@open-wc/testing';
import { Marked } from 'marked';
import { MarkdownStream } from '../../src/markdown/blocks.js';
import {
  PENDING,
  PENDING_BLOCK,
  inlineMath,
  mathExtension,
  pendingMathStart,
  withPendingMath,
} from '../../src/markdown/math.js';
import { repairTail } from '../../src/markdown/repair.js';
import { randomChunks } from './helpers.js';
import { mathDocuments } from './math-corpus.js';

const marked = () => new Marked(mathExtension());
const html = (doc: string) => marked().parse(doc) as string;
/** The formulas `doc` renders: `i:` inline, `d:` display, with their TeX. */
const formulas = (doc: string) =>
  [...html(doc).matchAll(/<(?:span|div) class="math-(inline|display)">([^<]*)</g)].map(
    ([, kind, tex]) => `${kind![0]}:${tex}`,
  );

/** Streams `chunks` through the DOM-free core with math, rendering after each; then ends. */
function streamed(chunks: string[]): { html: string; frames: string[] } {
  const core = new MarkdownStream(marked());
  const repair = withPendingMath(repairTail);
  const finished: string[] = [];
  const frames: string[] = [];
  const render = (final: boolean) => {
    const frame = core.render(final ? undefined : repair);
    for (const { index, html } of frame.patches) finished[index] = html;
    finished.push(...frame.finished.map((block) => block.html));
    return finished.join('') + frame.tail.map((block) => block.html).join('');
  };
  for (const chunk of chunks) {
    core.append(chunk);
    frames.push(render(false));
  }
  return { html: render(true), frames };
}

describe('math tokenizer', () => {
  it('reads each delimiter form', () => {
    expect(formulas('$a$ \\(b\\) $$c$$')).to.deep.equal(['i:a', 'i:b', 'd:c']);
    expect(formulas('$$\nd\n$$')).to.deep.equal(['d:d']);
    expect(formulas('\\[\ne\n\\]')).to.deep.equal(['d:e']);
    expect(formulas('\\[f\\]')).to.deep.equal(['d:f']);
    expect(html('$$\nd\n$$')).to.equal('<div class="math-display">d</div>');
    expect(formulas('\\(multi\nline\\)')).to.deep.equal(['i:multi\nline']);
  });

  it('follows the dollar rules: prices stay prose', () => {
    expect(formulas('It costs $5 and $10.')).to.deep.equal([]);
    expect(formulas('From $5 to$10')).to.deep.equal([]);
    expect(formulas('$ x $ has spaces inside')).to.deep.equal([]);
    expect(formulas('$x $ and $ y')).to.deep.equal([]);
    expect(formulas('$x$5')).to.deep.equal([]);
    expect(formulas('$x$, then $y$.')).to.deep.equal(['i:x', 'i:y']);
    expect(formulas('$5x + 3$ is math')).to.deep.equal(['i:5x + 3']);
    expect(formulas('$a\nb$ stays on one line')).to.deep.equal([]);
    expect(formulas('\\$x\\$ is escaped')).to.deep.equal([]);
    expect(formulas('$\\$5$ has an escaped dollar')).to.deep.equal(['i:\\$5']);
    expect(formulas('$$ $$ is empty')).to.deep.equal([]);
    expect(inlineMath('$5 and $10')).to.equal(undefined);
  });

  it('keeps `\\[` an escaped bracket inside prose', () => {
    expect(html('\\[not a link\\](x)')).to.equal('<p>[not a link](x)</p>\n');
  });

  it('finds math inside lists, tables and blockquotes, and none in code', () => {
    expect(formulas(mathDocuments[2]!)).to.deep.equal([
      'i:\\alpha',
      'd:\\beta',
      'i:\\gamma',
      'i:\\delta',
      'd:\\epsilon',
      'i:x^2',
      'i:4',
    ]);
    expect(html(mathDocuments[2]!)).to.include('<blockquote>\n<p>quoted');
    expect(html(mathDocuments[2]!)).to.include('<td><span class="math-inline">4</span></td>');
    expect(formulas(mathDocuments[3]!)).to.deep.equal(['i:\\frac{a}{b}']);
  });

  it('escapes the TeX it renders', () => {
    expect(html('$a<b>c$')).to.equal('<p><span class="math-inline">a&lt;b&gt;c</span></p>\n');
    expect(html('$$\n</div><script>x</script>\n$$')).to.equal(
      '<div class="math-display">&lt;/div&gt;&lt;script&gt;x&lt;/script&gt;</div>',
    );
  });
});

describe('math while streaming', () => {
  const repair = withPendingMath(repairTail);

  it('marks a formula still being typed, and nothing else', () => {
    expect(pendingMathStart('Formula $x^2 + y')).to.equal(8);
    expect(pendingMathStart('done $x$ and \\(a + b')).to.equal(13);
    expect(pendingMathStart('$$\n\\int_0^1')).to.equal(0);
    expect(pendingMathStart('> $$\n> \\sum')).to.equal(2);
    expect(pendingMathStart('It costs $5 and')).to.equal(-1);
    expect(pendingMathStart('closed $x$ and $y$')).to.equal(-1);
    expect(pendingMathStart('```\n$x\n')).to.equal(-1);
    expect(pendingMathStart('`$x` and')).to.equal(-1);
    expect(pendingMathStart('$$\nx\n$$\n\nnext')).to.equal(-1);
    expect(pendingMathStart('$x\n\nnew paragraph')).to.equal(-1);
  });

  it('shows it as its source in a quiet style, the text before it repaired', () => {
    expect(marked().parse(repair('See **bold $x^2 + *y'))).to.equal(
      '<p>See <strong>bold</strong> <span class="math-pending">$x^2 + *y</span></p>\n',
    );
    expect(marked().parse(repair('- $\\alpha'))).to.equal(
      '<ul>\n<li><span class="math-pending">$\\alpha</span></li>\n</ul>\n',
    );
    expect(marked().parse(repair('Display:\n\n$$\n\\int_0^1 x\\\\\n- y'))).to.equal(
      '<p>Display:</p>\n<div class="math-pending">$$\n\\int_0^1 x\\\\\n- y</div>',
    );
    expect(repair('$x^2')).to.equal(`${PENDING}$x^2`);
    expect(repair('$$\n\\int')).to.equal(`${PENDING_BLOCK}$$\n\\int`);
  });

  it('becomes math once complete', () => {
    const { frames } = streamed([...'Formula $x^2$ done']);
    expect(frames[9]).to.include('math-pending');
    expect(frames.at(-1)).to.include('<span class="math-inline">x^2</span>');
    expect(frames.at(-1)).not.to.include('math-pending');
  });

  for (const [index, doc] of mathDocuments.entries()) {
    it(`streams document ${index} to the same HTML as whole, char by char and in random splits`, () => {
      const whole = html(doc);
      expect(streamed([...doc]).html, 'char by char').to.equal(whole);
      for (const seed of [1, 2, 3, 4, 5]) {
        const result = streamed(randomChunks(doc, seed, 12));
        expect(result.html, `seed ${seed}`).to.equal(whole);
        for (const frame of result.frames) expect(frame).not.to.match(/[\uE000\uE001]/);
      }
    });
  }
});
