import { expect } from '@open-wc/testing';
import { Marked } from 'marked';
import { documents } from '../../bench/token-view-docs.js';
import { sanitize, sanitizerInUse, useFallbackSanitizer } from '../../src/markdown/sanitize.js';
import { hostile, tricky } from './corpus.js';
import { policyBreaches } from './inspect.js';

const html = (fragment: DocumentFragment) => {
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
};
const requested = (name: string) =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes(name));

describe('sanitiser: the HTML Sanitizer API, DOMPurify as the fallback', () => {
  afterEach(() => useFallbackSanitizer(false));

  it('uses the platform sanitiser where there is one, without loading DOMPurify', () => {
    expect(sanitizerInUse()).to.equal('platform');
    expect(html(sanitize('<p onclick="x()">a <script>x()</script><b>b</b></p>'))).to.equal(
      '<p>a <b>b</b></p>',
    );
    expect(requested('dompurify')).to.equal(false);
  });

  it('loads DOMPurify when the fallback is forced', async () => {
    await useFallbackSanitizer(true);
    expect(sanitizerInUse()).to.equal('dompurify');
    expect(requested('dompurify')).to.equal(true);
    expect(html(sanitize('<p onclick="x()">a <script>x()</script><b>b</b></p>'))).to.equal(
      '<p>a <b>b</b></p>',
    );
  });

  it('both give the same nodes for Markdown and for raw HTML they allow or unwrap', async () => {
    const marked = new Marked();
    const inputs = [
      ...documents.map(({ text }) => marked.parse(text) as string),
      ...tricky.map((doc) => marked.parse(doc) as string),
      '<center>centred</center><foo>unknown</foo><form><button>b</button><input></form>',
      '<svg><script>x()</script><text>t</text></svg><math><mi>x</mi></math><select><option>o</option></select>',
      '<a href="javascript:x()">j</a><a href=" jav&#x09;ascript:x()">k</a><a href="https://e.com">e</a><img src="data:image/png;base64,AAAA">',
    ];
    const platform = inputs.map((input) => html(sanitize(input)));
    await useFallbackSanitizer(true);
    const purified = inputs.map((input) => html(sanitize(input)));
    for (const [index, input] of inputs.entries()) {
      expect(platform[index], input.slice(0, 200)).to.equal(purified[index]);
    }
  });

  it('both leave nothing of the hostile corpus that breaks the policy', async () => {
    const inputs = hostile((name) => `https://example.com/pixel?id=${name}`);
    for (const fallback of [false, true]) {
      await useFallbackSanitizer(fallback);
      for (const input of inputs) {
        const holder = document.createElement('div');
        holder.append(sanitize(input));
        // Remote images are the element's image policy, after the sanitiser (hostile.test.ts).
        const breaches = policyBreaches(holder).filter(
          (breach) => !breach.startsWith('remote src'),
        );
        expect(breaches, `${sanitizerInUse()}: ${input}`).to.deep.equal([]);
      }
    }
  });
});
