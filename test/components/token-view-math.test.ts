import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { TokenView } from '../../src/index.js';
import {
  content,
  crossOriginPixel,
  nextFrame,
  pixelHits,
  renderedWhole,
  streamInto,
  tokenView,
  uniqueId,
} from '../markdown/dom-helpers.js';
import { randomChunks } from '../markdown/helpers.js';
import { hostileMath, mathDocuments } from '../markdown/math-corpus.js';

// Its own file, so its own page: nothing has loaded KaTeX before the first test.
const requested: string[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) requested.push(entry.name);
}).observe({ type: 'resource', buffered: true });
const fetched = (part: string) => requested.some((name) => name.includes(part));

/** What KaTeX builds; anything else inside a formula got past its sanitiser profile. */
const KATEX_TAGS = new Set(
  'span math semantics annotation mrow mi mn mo ms mspace mtext msub msup msubsup munder mover munderover mfrac msqrt mroot mstyle mpadded mphantom mtable mtr mtd mlabeledtr menclose merror svg path line'.split(
    ' ',
  ),
);
const KATEX_ATTRIBUTES = new Set(
  'class style title aria-hidden xmlns mathvariant display displaystyle scriptlevel encoding stretchy fence separator lspace rspace width height depth voffset columnalign rowalign columnspacing rowspacing columnlines rowlines frame framespacing accent accentunder minsize maxsize movablelimits symmetric largeop linethickness notation mathcolor mathbackground d viewBox preserveAspectRatio x1 x2 y1 y2 stroke-width'.split(
    ' ',
  ),
);
function katexBreaches(root: ParentNode): string[] {
  const breaches: string[] = [];
  for (const formula of root.querySelectorAll('.math-inline, .math-display')) {
    for (const element of formula.querySelectorAll('*')) {
      if (!KATEX_TAGS.has(element.localName)) breaches.push(`<${element.localName}>`);
      for (const { name, value } of element.attributes) {
        if (!KATEX_ATTRIBUTES.has(name)) breaches.push(`${name} on <${element.localName}>`);
        if (name === 'style' && /url\(/i.test(value)) breaches.push(`${name}=${value}`);
      }
    }
  }
  return breaches;
}

describe('<token-view> math', () => {
  it('fetches KaTeX only once a formula appears, and Mermaid never for math', async function () {
    this.timeout(20_000);
    const el = await tokenView();
    el.text = 'It costs $5 and $10.\n\n```js\nconst x = 1;\n```\n\nNo `$math$` here.';
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fetched('math-render'), 'the math chunk').to.equal(false);
    expect(fetched('katex'), 'KaTeX or its stylesheet').to.equal(false);
    expect(content(el).querySelector('.katex')).to.equal(null);
    el.text += '\n\nNow $E=mc^2$.';
    await waitUntil(() => fetched('math-render'), 'the math chunk is requested', {
      timeout: 15_000,
    });
    await el.updateComplete;
    await waitUntil(() => fetched('katex.min.css'), 'the KaTeX stylesheet is requested');
    expect(content(el).querySelector('.katex')).not.to.equal(null);
    expect(fetched('diagram')).to.equal(false);
    expect(fetched('mermaid')).to.equal(false);
  });

  it('typesets every delimiter form, with MathML for screen readers', async function () {
    this.timeout(20_000);
    const el = await tokenView();
    el.text =
      'Inline $a^2$ and \\(b_1\\).\n\n$$\n\\frac{c}{d}\n$$\n\n\\[\n\\sqrt{e}\n\\]\n\nIn text $$f$$.';
    await el.updateComplete;
    const formulas = [...content(el).querySelectorAll('.math-inline, .math-display')];
    expect(
      formulas.map((formula) => formula.querySelector('annotation')?.textContent),
    ).to.deep.equal(['a^2', 'b_1', '\\frac{c}{d}', '\\sqrt{e}', 'f']);
    expect(
      formulas.map((formula) => formula.querySelector('math')?.getAttribute('display')),
    ).to.deep.equal([null, null, 'block', 'block', 'block']);
    for (const formula of formulas) {
      expect(formula.querySelector('.katex-html')?.getAttribute('aria-hidden')).to.equal('true');
    }
    expect(katexBreaches(content(el))).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('typesets math inside lists, tables and blockquotes', async function () {
    this.timeout(20_000);
    const el = await tokenView();
    el.text = mathDocuments[2]!;
    await el.updateComplete;
    const inside = (selector: string) =>
      [...content(el).querySelectorAll(`${selector} .katex annotation`)].map((a) => a.textContent);
    expect(inside('li')).to.deep.equal(['\\alpha', '\\beta', '\\gamma']);
    expect(inside('blockquote')).to.deep.equal(['\\delta', '\\epsilon']);
    expect(inside('table')).to.deep.equal(['x^2', '4']);
  });

  it('leaves prices alone', async function () {
    this.timeout(20_000);
    const el = await tokenView();
    el.text = 'It costs $5 and $10, or $20.';
    await el.updateComplete;
    expect(content(el).textContent?.trim()).to.equal('It costs $5 and $10, or $20.');
    expect(content(el).querySelector('.math-inline, .math-display, .math-pending')).to.equal(null);
  });

  it('shows a formula being typed as quiet source, and math once it is complete', async function () {
    this.timeout(20_000);
    const el = await tokenView();
    el.throttle = 0;
    el.write('Warm up $x$. Formula $\\frac{a}{');
    await el.updateComplete;
    const pending = content(el).querySelector('.math-pending');
    expect(pending?.textContent).to.equal('$\\frac{a}{');
    expect(getComputedStyle(pending!).opacity).to.equal('0.65');
    el.write('b}$ done');
    await el.updateComplete;
    expect(content(el).querySelector('.math-pending')).to.equal(null);
    expect(content(el).querySelectorAll('.katex annotation')[1]?.textContent).to.equal(
      '\\frac{a}{b}',
    );
    el.write('\n\n$$\n\\int_0^1');
    await el.updateComplete;
    expect(content(el).querySelector('div.math-pending')?.textContent).to.equal('$$\n\\int_0^1');
    el.write(' x\\,dx\n$$\n');
    el.end();
    await el.updateComplete;
    expect(content(el).querySelector('.math-pending')).to.equal(null);
    expect(content(el).querySelector('div.math-display .katex-display')).not.to.equal(null);
  });

  it('typesets a finished block once: its formula nodes stay while the answer grows', async function () {
    this.timeout(20_000);
    const el = await tokenView();
    el.throttle = 0;
    el.write('First $a+b$ paragraph.\n\nSecond paragraph\n\n');
    await el.updateComplete;
    const first = content(el).querySelector('.katex');
    const tail = content(el).querySelectorAll('p')[1];
    for (const word of ' grows with $c$ and more words'.split(/(?= )/)) {
      el.write(word);
      await el.updateComplete;
      expect(content(el).querySelector('.katex')).to.equal(first);
    }
    el.end();
    await el.updateComplete;
    expect(content(el).querySelector('.katex')).to.equal(first);
    expect(tail?.isConnected).to.equal(true);
    expect(content(el).querySelectorAll('.katex')).to.have.length(2);
  });

  it('shows a malformed formula as its source, marked as an error', async function () {
    this.timeout(20_000);
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    addEventListener('error', onError);
    const el = await tokenView();
    el.text = 'Bad $\\frac{1$ and $\\left( x$ and good $y$.';
    await el.updateComplete;
    removeEventListener('error', onError);
    const bad = [...content(el).querySelectorAll('.katex-error')];
    expect(bad.map((node) => node.textContent)).to.deep.equal(['\\frac{1', '\\left( x']);
    expect(bad[0]!.getAttribute('title')).to.match(/^ParseError/);
    expect(content(el).querySelectorAll('.katex')).to.have.length(1);
    expect(errors).to.deep.equal([]);
  });

  it('turns off with the math property or math="false", showing the source', async function () {
    this.timeout(20_000);
    const el = await fixture<TokenView>(html`<token-view math="false"></token-view>`);
    expect(el.math).to.equal(false);
    el.text = 'Keep $x^2$ and \\(y\\) as text.';
    await el.updateComplete;
    expect(content(el).textContent?.trim()).to.equal('Keep $x^2$ and (y) as text.');
    el.math = true;
    await el.updateComplete;
    expect(content(el).querySelectorAll('.katex')).to.have.length(2);
    el.removeAttribute('math');
    expect(el.math).to.equal(true);
    expect((await tokenView()).math).to.equal(true);
  });

  it('adopts KaTeX’s rules in the shadow root and declares its fonts on the document', async function () {
    this.timeout(20_000);
    const el = await tokenView();
    el.text = '$\\mathcal{F}$';
    await el.updateComplete;
    const rules = (sheets: CSSStyleSheet[]) => sheets.flatMap((sheet) => [...sheet.cssRules]);
    expect(
      rules(el.shadowRoot!.adoptedStyleSheets).some((rule) => rule.cssText.startsWith('.katex ')),
    ).to.equal(true);
    expect(
      rules(el.shadowRoot!.adoptedStyleSheets).some((rule) => rule instanceof CSSFontFaceRule),
    ).to.equal(false);
    const faces = rules(document.adoptedStyleSheets).filter(
      (rule): rule is CSSFontFaceRule => rule instanceof CSSFontFaceRule,
    );
    expect(faces.length).to.be.greaterThan(10);
    const url = /url\("?([^")]+)"?\)/.exec(faces[0]!.style.getPropertyValue('src'))![1]!;
    expect(url).to.match(/\/katex\/dist\/fonts\/KaTeX_\w+-\w+\.woff2$/);
    expect((await fetch(url)).status).to.equal(200);
    await document.fonts.load('1em KaTeX_Caligraphic');
    expect(document.fonts.check('1em KaTeX_Caligraphic')).to.equal(true);
  });

  it('renders documents with math streamed exactly as whole, char by char and in random splits', async function () {
    this.timeout(30_000);
    for (const [index, doc] of mathDocuments.entries()) {
      const whole = await renderedWhole(doc);
      const seeds = index === 0 ? [0, 1, 2] : [1, 2];
      for (const seed of seeds) {
        const el = await tokenView();
        await streamInto(el, seed === 0 ? [...doc] : randomChunks(doc, seed, 9), seed, 3);
        expect(content(el).innerHTML, `document ${index}, seed ${seed}`).to.equal(whole);
        el.remove();
      }
    }
  });

  describe('hostile input', () => {
    const prefix = uniqueId('katex');
    const inputs = hostileMath((name) => crossOriginPixel(`${prefix}-${name}`));
    const ran: string[] = [];
    const globals = window as unknown as Record<string, unknown>;
    before(() => (globals.pwned = (...args: unknown[]) => ran.push(args.join())));
    after(() => delete globals.pwned);

    for (const [index, input] of inputs.entries()) {
      it(`#${index} ${input.slice(0, 50)}`, async () => {
        const el = await tokenView();
        await streamInto(el, randomChunks(input, index + 1, 6), index);
        await nextFrame();
        const root = content(el);
        expect(katexBreaches(root)).to.deep.equal([]);
        expect(
          root.querySelector('a, img, script, iframe, [href], [src], [onerror], [onclick]'),
        ).to.equal(null);
        expect(root.querySelector('.evil, #evil, [data-foo]')).to.equal(null);
        for (const element of root.querySelectorAll<HTMLElement>(
          ':is(.math-inline, .math-display) *',
        )) {
          expect(element.style.cssText).not.to.match(/url\(/);
          // \rule{100000em}: KaTeX's maxSize keeps sizes small.
          expect(parseFloat(element.style.width || '0')).to.be.below(1000);
        }
      });
    }

    it('ran no script and fetched nothing', async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(ran).to.deep.equal([]);
      expect(await pixelHits(prefix)).to.equal(0);
    });
  });
});
