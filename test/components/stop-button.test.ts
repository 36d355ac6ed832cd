import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { StopButton, StreamStopRequestEvent, type StreamChat } from '../../src/index.js';
import { ManualTransport, until } from '../controllers/manual-transport.js';

function inner(button: StopButton): HTMLButtonElement {
  return button.shadowRoot!.querySelector('button')!;
}

async function streaming(chat: StreamChat, transport: ManualTransport): Promise<void> {
  void chat.send('Hi');
  await until(() => transport.requests.length > 0 && chat.hasAttribute('streaming'));
}

describe('<stop-button>', function () {
  this.timeout(15_000);
  it('is registered, and define() is idempotent', () => {
    expect(customElements.get('stop-button')).to.equal(StopButton);
    expect(() => StopButton.define()).not.to.throw();
  });

  it('is accessible and disabled while nothing streams', async () => {
    const el = await fixture<StopButton>(html`<stop-button></stop-button>`);
    await expect(el).to.be.accessible();
    expect(inner(el).disabled).to.equal(true);
    expect(inner(el).textContent?.trim()).to.equal('Stop generating');
    expect(el.chat).to.equal(null);
  });

  it('reflects streaming and takes a localised label', async () => {
    const el = await fixture<StopButton>(html`<stop-button label="Arrêter"></stop-button>`);
    el.streaming = true;
    await el.updateComplete;
    expect(el.hasAttribute('streaming')).to.equal(true);
    expect(inner(el).disabled).to.equal(false);
    expect(inner(el).textContent?.trim()).to.equal('Arrêter');
    await expect(el).to.be.accessible();
  });

  it('follows the chat named by `for`, stops it, and fires a cancelable stream-stop-request', async () => {
    const transport = new ManualTransport();
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <stream-chat id="c" .transport=${transport}></stream-chat>
        <stop-button for="c"></stop-button>
      </div>`,
    );
    const chat = host.querySelector('stream-chat')!;
    const button = host.querySelector('stop-button')!;
    expect(button.chat).to.equal(chat);
    expect(button.streaming).to.equal(false);
    await streaming(chat, transport);
    await until(() => button.streaming, 'the button follows the chat');
    await button.updateComplete;
    expect(inner(button).disabled).to.equal(false);

    const vetoed = oneEvent(host, 'stream-stop-request');
    host.addEventListener('stream-stop-request', (event) => event.preventDefault(), { once: true });
    inner(button).click();
    const veto = await vetoed;
    expect(veto.bubbles && veto.composed && veto.cancelable).to.equal(true);
    expect(veto.detail.target).to.equal(chat);
    expect(chat.streaming, 'a cancelled request keeps the reply running').to.equal(true);

    let seen: StreamStopRequestEvent | undefined;
    host.addEventListener('stream-stop-request', (event) => (seen = event));
    const aborted = oneEvent(chat, 'stream-abort');
    inner(button).click();
    await aborted;
    expect(seen?.defaultPrevented).to.equal(false);
    expect(transport.signal!.aborted).to.equal(true);
    await until(() => !button.streaming, 'the button follows the chat back');
  });

  it('controls the chat it is slotted into', async () => {
    const transport = new ManualTransport();
    const chat = await fixture<StreamChat>(
      html`<stream-chat .transport=${transport}
        ><stop-button slot="actions"></stop-button
      ></stream-chat>`,
    );
    const button = chat.querySelector('stop-button')!;
    expect(button.chat).to.equal(chat);
    await streaming(chat, transport);
    await until(() => button.streaming);
    await button.updateComplete;
    inner(button).click();
    expect(chat.streaming).to.equal(false);
  });

  it('is the chat’s own stop control while a reply streams, named from the chat’s strings', async () => {
    const transport = new ManualTransport();
    const chat = await fixture<StreamChat>(
      html`<stream-chat .transport=${transport}></stream-chat>`,
    );
    chat.strings = { stop: 'Halt' };
    const root = chat.shadowRoot!;
    expect(root.querySelector('stop-button')).to.equal(null);
    await streaming(chat, transport);
    await chat.updateComplete;
    const button = root.querySelector('stop-button')!;
    expect(button.chat).to.equal(chat);
    await until(() => button.streaming);
    await button.updateComplete;
    expect(inner(button).textContent?.trim()).to.equal('Halt');
    inner(button).click();
    expect(chat.streaming).to.equal(false);
    await chat.updateComplete;
    expect(root.querySelector('stop-button')).to.equal(null);
  });

  it('finds a new chat when `for` changes, and lets go of the old one', async () => {
    const first = new ManualTransport();
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <stream-chat id="a" .transport=${first}></stream-chat>
        <stream-chat id="b"></stream-chat>
        <stop-button for="a"></stop-button>
      </div>`,
    );
    const button = host.querySelector('stop-button')!;
    button.htmlFor = 'b';
    await button.updateComplete;
    expect(button.chat?.id).to.equal('b');
    const witness = document.createElement('stop-button');
    witness.htmlFor = 'a';
    host.append(witness);
    await streaming(host.querySelector('stream-chat')!, first);
    // A button for a has seen the attribute change: the one for b has had its chance too.
    await until(() => witness.streaming, 'the button for a follows a');
    expect(button.streaming, 'chat a streaming does not enable a button for b').to.equal(false);
  });

  it('finds a chat that appears after it, and follows a chat replaced under the same id', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div><stop-button for="later"></stop-button></div>`,
    );
    const button = host.querySelector('stop-button')!;
    expect(button.chat).to.equal(null);
    const first = new ManualTransport();
    const chat = Object.assign(document.createElement('stream-chat'), {
      id: 'later',
      transport: first,
    });
    host.append(chat);
    await streaming(chat, first);
    await until(() => button.streaming, 'the button finds the chat added after it');
    await button.updateComplete;
    expect(inner(button).disabled).to.equal(false);
    chat.stop();
    await until(() => !button.streaming, 'the button follows the stop');

    // A framework re-creates the chat: the old element goes, a new one takes its id.
    chat.remove();
    const second = new ManualTransport();
    const replacement = Object.assign(document.createElement('stream-chat'), {
      id: 'later',
      transport: second,
    });
    host.prepend(replacement);
    await streaming(replacement, second);
    await until(() => button.streaming, 'the button follows the replacement');
    expect(button.chat).to.equal(replacement);
    inner(button).click();
    expect(second.signal!.aborted).to.equal(true);
  });

  it('finds a chat whose id is set after it was added', async () => {
    const transport = new ManualTransport();
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <stream-chat .transport=${transport}></stream-chat>
        <stop-button for="named-later"></stop-button>
      </div>`,
    );
    const chat = host.querySelector('stream-chat')!;
    const button = host.querySelector('stop-button')!;
    chat.id = 'named-later';
    await streaming(chat, transport);
    await until(() => button.streaming, 'the button finds the chat once it has the id');
  });

  it('says once on the console when its id matches no chat', async () => {
    const warnings: string[] = [];
    const { warn } = console;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const host = await fixture<HTMLDivElement>(
        html`<div><stop-button for="nowhere"></stop-button></div>`,
      );
      await until(() => warnings.length === 1, 'a warning about the missing chat');
      expect(warnings[0]).to.contain('for="nowhere"');
      // More changes around it look the id up again, without saying it again.
      host.append(document.createElement('p'), document.createElement('p'));
      const other = document.createElement('stop-button');
      other.htmlFor = 'elsewhere';
      host.append(other);
      await until(() => warnings.length === 2, 'a warning from a second button');
      expect(warnings[1]).to.contain('for="elsewhere"');
      expect(warnings).to.have.length(2);
    } finally {
      console.warn = warn;
    }
  });
});
