import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { StreamChat, TokenView } from '../../src/index.js';

const answers = (el: StreamChat) => [
  ...el.shadowRoot!.querySelectorAll<TokenView>('[part~="assistant-message"] token-view'),
];

describe('<stream-chat> math and diagrams', () => {
  const messages = [
    { role: 'user' as const, content: 'Formula?' },
    { role: 'assistant' as const, content: 'Here: $E=mc^2$' },
  ];

  it('passes math and diagrams on to its answers, on by default', async () => {
    const el = await fixture<StreamChat>(html`<stream-chat .messages=${messages}></stream-chat>`);
    expect([el.math, el.diagrams]).to.deep.equal([true, true]);
    const [view] = answers(el);
    expect([view!.math, view!.diagrams]).to.deep.equal([true, true]);
    await view!.updateComplete;
    expect(view!.shadowRoot!.querySelector('.katex')).not.to.equal(null);
  });

  it('turns them off from attributes and properties', async () => {
    const el = await fixture<StreamChat>(
      html`<stream-chat math="false" diagrams="false" .messages=${messages}></stream-chat>`,
    );
    expect([el.math, el.diagrams]).to.deep.equal([false, false]);
    const [view] = answers(el);
    expect([view!.math, view!.diagrams]).to.deep.equal([false, false]);
    await view!.updateComplete;
    expect(view!.shadowRoot!.querySelector('.katex')).to.equal(null);
    el.math = true;
    await el.updateComplete;
    expect(view!.math).to.equal(true);
  });
});
