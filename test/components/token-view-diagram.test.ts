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
import { diagramDocuments, hostileDiagrams } from '../markdown/math-corpus.js';

// Its own file, so its own page: nothing has loaded Mermaid before the first test.
const requested: string[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) requested.push(entry.name);
}).observe({ type: 'resource', buffered: true });
const fetched = (part: string) => requested.some((name) => name.includes(part));

const FLOW = '```mermaid\ngraph TD\n  A[Start] --> B{Ok?}\n  B -->|yes| C[Done]\n```';
const drawn = (el: TokenView) => content(el).querySelector('[part="diagram"] svg');

/** What may be inside a drawn diagram: SVG drawing elements, no HTML, no script, no links. */
const SVG_TAGS = new Set(
  'svg g path rect circle ellipse line polyline polygon text tspan marker defs title desc lineargradient radialgradient stop clippath pattern mask filter fedropshadow feflood fecomposite fegaussianblur feoffset femerge femergenode symbol'.split(
    ' ',
  ),
);
function svgBreaches(root: ParentNode): string[] {
  const breaches: string[] = [];
  for (const element of root.querySelectorAll('[part="diagram"] *')) {
    const tag = element.localName.toLowerCase();
    if (!SVG_TAGS.has(tag) || element.namespaceURI !== 'http://www.w3.org/2000/svg')
      breaches.push(`<${tag}>`);
    for (const { name, value } of element.attributes) {
      if (name.startsWith('on')) breaches.push(`${name} on <${tag}>`);
      if (name.endsWith('href') && !value.startsWith('#')) breaches.push(`${name}=${value}`);
      if (/url\(\s*(?!['"]?#)/i.test(value)) breaches.push(`${name}=${value}`);
    }
  }
  return breaches;
}

describe('<token-view> diagrams', () => {
  it('fetches Mermaid only once a mermaid block is finished', async function () {
    // The first diagram of the run waits for the test server to bundle Mermaid.
    this.timeout(90_000);
    const el = await tokenView();
    el.text = 'Code:\n\n```js\nconst x = 1;\n```\n\nNo diagram, and no `mermaid` either.';
    await el.updateComplete;
    el.reset();
    el.throttle = 0;
    el.write('```mermaid\ngraph TD\n  A --> B');
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fetched('/diagrams.'), 'no diagram chunk while the block streams').to.equal(false);
    expect(fetched('diagram-render'), 'no diagram chunk while the block streams').to.equal(false);
    expect(fetched('mermaid__'), 'no Mermaid while the block streams').to.equal(false);
    expect(content(el).querySelector('pre code.language-mermaid')?.textContent).to.equal(
      'graph TD\n  A --> B\n',
    );
    el.write('\n```\n\nAfter.');
    await waitUntil(() => fetched('diagram-render'), 'the diagram chunk is requested', {
      timeout: 30_000,
    });
    await el.updateComplete;
    expect(drawn(el)).not.to.equal(null);
    expect(fetched('math-render')).to.equal(false);
  });

  it('draws a finished block as a sanitised SVG, the source as its accessible description', async function () {
    this.timeout(20_000);
    const el = await tokenView();
    el.text = FLOW;
    await el.updateComplete;
    const figure = content(el).querySelector('[part="diagram"]')!;
    expect(figure.getAttribute('role')).to.equal('img');
    expect(figure.getAttribute('aria-label')).to.match(/^Diagram \(flowchart/);
    const pre = el.shadowRoot!.getElementById(figure.getAttribute('aria-describedby')!)!;
    expect(pre.localName).to.equal('pre');
    expect(pre.textContent).to.equal('graph TD\n  A[Start] --> B{Ok?}\n  B -->|yes| C[Done]\n');
    expect(pre.hidden).to.equal(true);
    const svg = figure.querySelector('svg')!;
    expect(svg.getAttribute('aria-hidden')).to.equal('true');
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).to.include.members([
      'Start',
      'Ok?',
      'Done',
      'yes',
    ]);
    expect(svg.querySelector('foreignObject')).to.equal(null);
    expect(svgBreaches(content(el))).to.deep.equal([]);
    // Mermaid's theme rules, adopted by the shadow root, apply to the diagram.
    const node = svg.querySelector('.node rect, .node polygon, .node path')!;
    expect(getComputedStyle(node).fill).not.to.equal('rgb(0, 0, 0)');
    await expect(el).to.be.accessible();
  });

  it('keeps the source a toggle away, and copy still copies the source', async function () {
    this.timeout(20_000);
    const el = await tokenView();
    el.text = FLOW;
    await el.updateComplete;
    const toggle = content(el).querySelector<HTMLButtonElement>('[part="diagram-toggle"]')!;
    const figure = content(el).querySelector<HTMLElement>('[part="diagram"]')!;
    const pre = content(el).querySelector('pre')!;
    expect(toggle.textContent).to.equal('Source');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await waitUntil(() => !pre.hidden);
    expect(figure.hidden).to.equal(true);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    toggle.click();
    await waitUntil(() => pre.hidden);
    expect(figure.hidden).to.equal(false);
    const copied: string[] = [];
    const original = navigator.clipboard.writeText;
    navigator.clipboard.writeText = async (text) => void copied.push(text);
    try {
      content(el).querySelector<HTMLButtonElement>('[part="copy-button"]')!.click();
      await waitUntil(() => copied.length > 0);
    } finally {
      navigator.clipboard.writeText = original;
    }
    expect(copied).to.deep.equal(['graph TD\n  A[Start] --> B{Ok?}\n  B -->|yes| C[Done]']);
  });

  it('leaves a block Mermaid cannot parse as a code block with a short note', async function () {
    this.timeout(20_000);
    const errors: string[] = [];
    const onError = (event: ErrorEvent | PromiseRejectionEvent) =>
      errors.push(String('reason' in event ? event.reason : event.message));
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onError);
    const el = await tokenView();
    el.text = '```mermaid\ngraph TD\n  A --> \n  this is not mermaid {{{\n```\n\nAfter.';
    await el.updateComplete;
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onError);
    const note = content(el).querySelector('[part="diagram-note"]');
    expect(note?.textContent).to.equal('This diagram could not be drawn; its source is shown.');
    expect(note?.getAttribute('title')).to.match(/Parse error|error/i);
    expect(content(el).querySelector('pre')?.hidden).to.equal(false);
    expect(content(el).querySelector('[part="diagram"], [part="diagram-toggle"]')).to.equal(null);
    expect(document.body.querySelector('[id^="dsce-mermaid"], [id^="sce-mermaid"]')).to.equal(null);
    expect(errors).to.deep.equal([]);
  });

  it('follows a dark theme', async function () {
    this.timeout(20_000);
    const themed = async (color: string) => {
      const el = await fixture<TokenView>(html`<token-view style="color: ${color}"></token-view>`);
      el.text = FLOW;
      await el.updateComplete;
      const rect = content(el).querySelector('[part="diagram"] .node rect')!;
      const fill = getComputedStyle(rect).fill;
      el.remove();
      return fill;
    };
    const light = await themed('rgb(20, 20, 20)');
    const dark = await themed('rgb(240, 240, 240)');
    const luminance = (rgb: string) =>
      (rgb.match(/\d+/g) ?? []).map(Number).reduce((sum, value) => sum + value, 0);
    expect(luminance(dark)).to.be.below(luminance(light));
  });

  it('turns off with the diagrams property or diagrams="false"', async () => {
    const el = await fixture<TokenView>(html`<token-view diagrams="false"></token-view>`);
    expect(el.diagrams).to.equal(false);
    el.text = FLOW;
    await el.updateComplete;
    expect(content(el).querySelector('[part="diagram"], [part="diagram-note"]')).to.equal(null);
    expect(content(el).querySelector('code.language-mermaid')).not.to.equal(null);
    expect((await tokenView()).diagrams).to.equal(true);
  });

  it('renders documents with diagrams streamed exactly as whole', async function () {
    this.timeout(60_000);
    // Mermaid's ids count up per page: compare each drawing by its labels.
    const normalise = (markup: string) => {
      const copy = document.createElement('div');
      copy.innerHTML = markup;
      for (const svg of copy.querySelectorAll('svg')) {
        const labels = [...svg.querySelectorAll('text')].map((text) => text.textContent);
        svg.replaceWith(`[svg ${svg.getAttribute('aria-roledescription')}: ${labels.join('|')}]`);
      }
      return copy.innerHTML.replace(/sce-diagram-source-\d+/g, 'SRC');
    };
    for (const [index, doc] of diagramDocuments.entries()) {
      const whole = normalise(await renderedWhole(doc));
      for (const chunks of [[...doc], randomChunks(doc, index + 1, 9)]) {
        const el = await tokenView();
        await streamInto(el, chunks, index + 1, 4);
        expect(normalise(content(el).innerHTML), `document ${index}`).to.equal(whole);
        el.remove();
      }
    }
  });

  describe('hostile input', () => {
    const prefix = uniqueId('mermaid');
    const inputs = hostileDiagrams((name) => crossOriginPixel(`${prefix}-${name}`));
    const ran: string[] = [];
    const globals = window as unknown as Record<string, unknown>;
    before(() => (globals.pwned = (...args: unknown[]) => ran.push(args.join())));
    after(() => delete globals.pwned);

    for (const [index, input] of inputs.entries()) {
      it(`#${index} ${input.slice(11, 60).replace(/\n/g, ' ')}`, async function () {
        this.timeout(20_000);
        const el = await tokenView();
        await streamInto(el, randomChunks(input, index + 1, 20), index);
        await nextFrame();
        const root = content(el);
        expect(root.querySelector('[part="diagram"], [part="diagram-note"]')).not.to.equal(null);
        expect(svgBreaches(root)).to.deep.equal([]);
        expect(root.querySelector('a, img, script, iframe, foreignObject, image, use')).to.equal(
          null,
        );
        for (const sheet of el.shadowRoot!.adoptedStyleSheets) {
          for (const rule of sheet.cssRules) expect(rule.cssText).not.to.match(/url\((?!"?#)/);
        }
        for (const button of root.querySelectorAll('[part="diagram"] *')) {
          (button as SVGElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));
        }
      });
    }

    it('ran no script, fetched nothing and navigated nowhere', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(ran).to.deep.equal([]);
      expect(await pixelHits(prefix)).to.equal(0);
      expect(location.pathname).not.to.match(/pixel|javascript/);
    });
  });
});
