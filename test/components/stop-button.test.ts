import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { StopButton, StreamStopRequestEvent } from '../../src/index.js';

describe('<stop-button> basics', () => {
  it('is registered, and define() is idempotent', () => {
    expect(customElements.get('stop-button')).to.equal(StopButton);
    expect(() => StopButton.define()).not.to.throw();
  });

  it('is accessible and disabled while nothing streams', async () => {
    const el = await fixture<StopButton>(html`<stop-button></stop-button>`);
    await expect(el).to.be.accessible();
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.disabled).to.equal(true);
    expect(button.textContent?.trim()).to.equal('Stop generating');
  });

  it('asks the chat named by `for` to stop, with a cancelable stream-stop-request', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <stream-chat id="c"></stream-chat><stop-button for="c" streaming></stop-button>
      </div>`,
    );
    const chat = host.querySelector('stream-chat')!;
    const button = host.querySelector('stop-button')!;
    let stops = 0;
    chat.stop = () => (stops += 1);
    let seen: StreamStopRequestEvent | undefined;
    host.addEventListener('stream-stop-request', (event) => (seen = event));
    button.shadowRoot!.querySelector('button')!.click();
    expect(stops).to.equal(1);
    expect(seen?.bubbles).to.equal(true);
    expect(seen?.composed).to.equal(true);
    expect(seen?.cancelable).to.equal(true);
    expect(seen?.detail.target).to.equal(chat);

    host.addEventListener('stream-stop-request', (event) => event.preventDefault());
    button.shadowRoot!.querySelector('button')!.click();
    expect(stops).to.equal(1);
  });
});
