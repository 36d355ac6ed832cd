import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { content, tokenView } from '../markdown/dom-helpers.js';

describe('<token-view> diagrams (smoke)', () => {
  it('draws', async function () {
    this.timeout(20000);
    const el = await tokenView();
    el.text = '```mermaid\ngraph TD\n  A[Start] --> B{Ok?}\n  B -->|yes| C[Done]\n```\n\n```mermaid\ngraph TD\n  A --> \n```';
    await el.updateComplete;
    console.log(content(el).innerHTML.slice(0, 1500));
    console.log(el.shadowRoot!.adoptedStyleSheets.length);
    expect(content(el).querySelector('svg')).not.to.equal(null);
  });
});
