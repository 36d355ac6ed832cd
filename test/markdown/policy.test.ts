import { expect } from '@open-wc/testing';

interface PageResult {
  sanitizer: string;
  ownViolations: string[];
  hostileViolations: string[];
  errors: string[];
  breaches: string[];
  heading?: string;
  highlighted: number;
  table: number;
  evalRefused: boolean;
  innerHtmlRefused: boolean;
}

/** Loads /mock/markdown/page under `policy` in an iframe and waits for its report. */
async function runPage(policy: string, sanitizer: string): Promise<PageResult> {
  const frame = document.createElement('iframe');
  frame.src = `/mock/markdown/page?policy=${policy}&sanitizer=${sanitizer}`;
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

for (const [sanitizer, name] of [
  ['platform', 'the HTML Sanitizer API'],
  ['fallback', 'DOMPurify, the fallback'],
]) {
  describe(`<token-view> under real page policies, sanitised by ${name}`, () => {
    it("works with Content-Security-Policy script-src 'self'; style-src 'self'", async function () {
      this.timeout(30_000);
      const result = await runPage('csp', sanitizer!);
      expect(result.sanitizer).to.equal(sanitizer === 'fallback' ? 'dompurify' : 'platform');
      expect(result.errors).to.deep.equal([]);
      expect(result.evalRefused, 'the CSP header is in force').to.equal(true);
      expect(result.ownViolations).to.deep.equal([]);
      expect(result.breaches).to.deep.equal([]);
      expect(result.heading).to.equal('Under a strict policy');
      expect(result.highlighted).to.be.greaterThan(0);
      expect(result.table).to.equal(2);
      const blockedWhileParsing = /^(script-src-attr|style-src-attr|style-src-elem) inline /;
      expect(result.hostileViolations.filter((v) => !blockedWhileParsing.test(v))).to.deep.equal(
        [],
      );
    });

    it("works with require-trusted-types-for 'script'", async function () {
      this.timeout(30_000);
      const result = await runPage('trusted-types', sanitizer!);
      expect(result.sanitizer).to.equal(sanitizer === 'fallback' ? 'dompurify' : 'platform');
      expect(result.errors).to.deep.equal([]);
      expect(result.innerHtmlRefused, 'Trusted Types are enforced').to.equal(true);
      expect(result.ownViolations).to.deep.equal([]);
      expect(result.breaches).to.deep.equal([]);
      expect(result.heading).to.equal('Under a strict policy');
      expect(result.highlighted).to.be.greaterThan(0);
      expect(
        result.hostileViolations.filter((v) => v.startsWith('require-trusted-types')),
      ).to.deep.equal([]);
    });
  });
}
