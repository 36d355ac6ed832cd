import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { StreamChat, mockTransport, textSteps } from '../../src/index.js';

describe('<stream-chat> basics', () => {
  it('is registered, and define() is idempotent', () => {
    expect(customElements.get('stream-chat')).to.equal(StreamChat);
    expect(() => StreamChat.define()).not.to.throw();
  });

  it('is accessible when empty', async () => {
    const el = await fixture<StreamChat>(html`<stream-chat></stream-chat>`);
    await expect(el).to.be.accessible();
  });

  it('streams an answer from a transport into the conversation', async () => {
    const el = await fixture<StreamChat>(html`<stream-chat></stream-chat>`);
    el.transport = mockTransport({ script: textSteps('Hello **there**') });
    const ended = oneEvent(el, 'stream-end');
    void el.send('Hi');
    const event = await ended;
    expect(event.detail.message).to.deep.equal({ role: 'assistant', content: 'Hello **there**' });
    expect(event.detail.reason).to.equal('stop');
    expect(el.messages).to.deep.equal([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello **there**' },
    ]);
  });
});
