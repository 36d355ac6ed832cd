import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { TokenView } from '../../src/index.js';

describe('<token-view> basics', () => {
  it('is registered, and define() is idempotent', () => {
    expect(customElements.get('token-view')).to.equal(TokenView);
    expect(() => TokenView.define()).not.to.throw();
    expect(customElements.get('token-view')).to.equal(TokenView);
  });

  it('is accessible when empty', async () => {
    const el = await fixture<TokenView>(html`<token-view></token-view>`);
    await expect(el).to.be.accessible();
  });

  it('renders written Markdown into part="content" and reflects streaming', async () => {
    const el = await fixture<TokenView>(html`<token-view></token-view>`);
    el.write('# Title\n\nSome **bold**');
    expect(el.streaming).to.equal(true);
    el.write(' text.');
    await el.updateComplete;
    expect(el.hasAttribute('streaming')).to.equal(true);
    const content = el.shadowRoot!.querySelector('[part="content"]')!;
    expect(content.querySelector('h1')?.textContent).to.equal('Title');
    expect(content.querySelector('strong')?.textContent).to.equal('bold');
    expect(el.text).to.equal('# Title\n\nSome **bold** text.');
    el.end();
    await el.updateComplete;
    expect(el.hasAttribute('streaming')).to.equal(false);
  });

  it('reset() empties it', async () => {
    const el = await fixture<TokenView>(html`<token-view></token-view>`);
    el.text = 'hello';
    await el.updateComplete;
    el.reset();
    await el.updateComplete;
    expect(el.text).to.equal('');
    expect(el.shadowRoot!.querySelector('[part="content"]')!.textContent).to.equal('');
  });
});
