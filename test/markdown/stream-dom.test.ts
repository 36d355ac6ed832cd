import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TokenView } from '../../src/index.js';
import { documents, pseudoTokens } from '../../bench/token-view-docs.js';

const content = (el: TokenView) => el.shadowRoot!.querySelector('[part="content"]')!;

describe('smoke', () => {
  it('streams the 5 KB doc', async function () {
    this.timeout(60000);
    const doc = documents[0]!.text;
    const whole = await fixture<TokenView>(html`<token-view .text=${doc}></token-view>`);
    await whole.updateComplete;
    const el = await fixture<TokenView>(html`<token-view></token-view>`);
    const tokens = pseudoTokens(doc, 7);
    for (let i = 0; i < tokens.length; i += 20) {
      el.write(tokens.slice(i, i + 20).join(''));
      await el.updateComplete;
    }
    el.end();
    await el.updateComplete;
    expect(content(el).innerHTML).to.equal(content(whole).innerHTML);
  });
});
