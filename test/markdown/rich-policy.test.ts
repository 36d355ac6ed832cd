import { expect } from '@open-wc/testing';

interface PageResult {
  errors: string[];
  mathViolations: string[];
  diagramViolations: string[];
  breaches: string[];
  formulas: number;
  mathml: number;
  strutHeight: string;
  fontFaces: number;
  diagram: 'svg' | 'note' | 'none';
  diagramLabels: string[];
  diagramStyled: string;
  note: string;
  leftovers: number;
}

/** Loads /mock/markdown/page?page=rich under `policy` in an iframe and waits for its report. */
async function runPage(policy: string): Promise<PageResult> {
  const frame = document.createElement('iframe');
  frame.src = `/mock/markdown/page?page=rich&policy=${policy}`;
  const report = new Promise<PageResult>((resolve) => {
    addEventListener('message', function onMessage(event: MessageEvent<PageResult>) {
      if (event.source !== frame.contentWindow) return;
      removeEventListener('message', onMessage);
      resolve(event.data);
    });
  });
  document.body.append(frame);
  try {
    return await report;
  } finally {
    frame.remove();
  }
}

/** What every page must show for math, whatever the policy. */
function expectMath(result: PageResult) {
  expect(result.errors).to.deep.equal([]);
  expect(result.mathViolations, 'typesetting math breaks no policy').to.deep.equal([]);
  expect(result.breaches).to.deep.equal([]);
  expect(result.formulas).to.be.greaterThan(20);
  expect(result.mathml).to.equal(result.formulas);
  expect(result.strutHeight).to.equal('0.6833em');
  expect(result.fontFaces).to.be.greaterThan(10);
  expect(result.leftovers, 'nothing is left in the page body').to.equal(0);
}

describe('math and diagrams under real page policies', () => {
  it("work with Content-Security-Policy script-src 'self'; style-src 'self'", async function () {
    this.timeout(60_000);
    const result = await runPage('csp');
    expectMath(result);
    expect(result.diagram).to.equal('svg');
    expect(result.diagramLabels).to.include.members(['Start', 'Ok?', 'Done', 'yes']);
    // Mermaid's theme reaches the diagram as an adopted stylesheet: not black by default.
    expect(result.diagramStyled).to.match(/^rgb/);
    expect(result.diagramStyled).not.to.equal('rgb(0, 0, 0)');
    // Mermaid measures text in a temporary element with inline styles, which the policy blocks
    // (and reports); nothing else is blocked, and the diagram it hands over uses none.
    const inline = /^(style-src-attr|style-src-elem) inline at \S*mermaid/;
    expect(result.diagramViolations.filter((v) => !inline.test(v))).to.deep.equal([]);
  });

  it("work with require-trusted-types-for 'script'", async function () {
    this.timeout(60_000);
    const result = await runPage('trusted-types');
    expectMath(result);
    // Mermaid assigns strings to innerHTML, which Trusted Types refuse: the code block stays,
    // with its note, and nothing breaks.
    expect(result.diagram).to.equal('note');
    expect(result.note).to.match(/TrustedHTML/);
    expect(
      result.diagramViolations.filter((v) => !v.startsWith('require-trusted-types-for')),
    ).to.deep.equal([]);
  });
});
