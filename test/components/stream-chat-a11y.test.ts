import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { StreamError, type ChatMessage, type StreamChat } from '../../src/index.js';
import type { StreamChatStrings } from '../../src/components/stream-chat/stream-chat.strings.js';
import type { ToolStrings } from '../../src/components/stream-chat/tool-cards.strings.js';
import { ManualTransport, frames, until } from '../controllers/manual-transport.js';

async function chat(messages: ChatMessage[] = []) {
  const transport = new ManualTransport();
  const el = await fixture<StreamChat>(
    html`<stream-chat .transport=${transport} .messages=${messages}></stream-chat>`,
  );
  return { el, transport, root: el.shadowRoot! };
}

function history(count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    role: i % 2 ? 'assistant' : 'user',
    content:
      i % 2 ? `**Answer** ${i} with [a link](https://example.com/${i}) and \`code\`` : `Q ${i}`,
  }));
}

const background = (el: Element) => getComputedStyle(el).backgroundColor;

describe('<stream-chat> accessibility', function () {
  this.timeout(15_000);
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('is axe-clean when empty', async () => {
    const { el } = await chat();
    await expect(el).to.be.accessible();
  });

  it('is axe-clean while streaming, with reasoning', async () => {
    const { el, transport } = await chat(history(4));
    void el.send('More');
    await until(() => transport.requests.length === 1);
    transport.push({ type: 'reasoning', text: 'Thinking it over' });
    transport.text('A **partial** answer');
    await until(() => el.shadowRoot!.querySelector('[part=reasoning]'));
    await frames(2);
    await expect(el).to.be.accessible();
  });

  it('is axe-clean with an error row', async () => {
    const { el, transport } = await chat(history(2));
    void el.send('Again');
    await until(() => transport.requests.length === 1);
    transport.text('Half');
    transport.fail(new StreamError('http', 'Internal server error', { status: 500 }));
    await oneEvent(el, 'stream-error');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('is axe-clean with a long history, scrolled up', async () => {
    const { el } = await chat(history(120));
    await frames(2);
    const log = el.shadowRoot!.querySelector<HTMLElement>('[part=messages]')!;
    log.dispatchEvent(new WheelEvent('wheel', { deltaY: -300 }));
    log.scrollTop -= 300;
    await frames(2);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=jump-button]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('is axe-clean in the dark theme, and with dark system colours', async () => {
    const { el } = await chat(history(4));
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.theme = 'auto';
    await emulateMedia({ colorScheme: 'dark' });
    await expect(el).to.be.accessible();
  });

  it('is a labelled, focusable log that is busy while a reply streams, per answer too', async () => {
    const { el, transport, root } = await chat();
    const log = root.querySelector('[part=messages]')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-label')).to.equal('Conversation');
    expect(log.getAttribute('tabindex')).to.equal('0');
    expect(log.getAttribute('aria-busy')).to.equal('false');
    void el.send('Hi');
    await until(() => transport.requests.length === 1);
    await el.updateComplete;
    expect(log.getAttribute('aria-busy')).to.equal('true');
    const answer = root.querySelector('[part~=assistant-message]')!;
    expect(answer.getAttribute('aria-busy')).to.equal('true');
    transport.text('Done.');
    transport.end();
    await oneEvent(el, 'stream-end');
    await el.updateComplete;
    expect(log.getAttribute('aria-busy'), 'the finished answer is announced once').to.equal(
      'false',
    );
    expect(answer.hasAttribute('aria-busy')).to.equal(false);
  });

  it('tells screen readers who said what', async () => {
    const { root } = await chat(history(2));
    const [question, answer] = root.querySelectorAll('[part~=message]');
    expect(question!.querySelector('.sr')!.textContent).to.equal('You:');
    expect(answer!.querySelector('.sr')!.textContent).to.equal('Assistant:');
  });

  it('puts errors in an assertive live region that exists before the error', async () => {
    const { el, transport, root } = await chat();
    const region = root.querySelector('[role=alert]')!;
    expect(region.textContent).to.equal('');
    void el.send('Hi');
    await until(() => transport.requests.length === 1);
    transport.fail(new StreamError('provider', 'The model is not available'));
    await oneEvent(el, 'stream-error');
    await el.updateComplete;
    expect(root.querySelector('[role=alert]')).to.equal(region);
    expect(region.textContent).to.equal('The model is not available');
    expect(region.closest('[role=log]'), 'outside the polite log').to.equal(null);
  });

  it('shows a visible focus ring on keyboard focus', async () => {
    const { el, root } = await chat(history(2));
    root.querySelector('textarea')!.focus();
    await sendKeys({ type: 'x' });
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    const focused = root.activeElement as HTMLElement;
    expect(focused.getAttribute('part')).to.equal('send-button');
    const style = getComputedStyle(focused);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });
});

describe('<stream-chat> theming and text', function () {
  this.timeout(15_000);
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('follows prefers-color-scheme, and the theme attribute switches live without a re-render', async () => {
    const { el, root } = await chat(history(4));
    const rowsBefore = [...root.querySelectorAll('[part~=message]')];
    const light = background(el);
    await emulateMedia({ colorScheme: 'dark' });
    const dark = background(el);
    expect(dark).to.not.equal(light);
    el.setAttribute('theme', 'light');
    expect(background(el)).to.equal(light);
    await emulateMedia({ colorScheme: 'light' });
    el.setAttribute('theme', 'dark');
    expect(background(el)).to.equal(dark);
    el.setAttribute('theme', 'auto');
    expect(background(el)).to.equal(light);
    expect([...root.querySelectorAll('[part~=message]')]).to.deep.equal(rowsBefore);
    expect(el.messages).to.have.length(4);
  });

  it('takes its colours, radius, font and width from --sce-* custom properties', async () => {
    const { el, root } = await chat(history(2));
    el.style.setProperty('--sce-color-background', 'rgb(1, 2, 3)');
    el.style.setProperty('--sce-color-accent', 'rgb(200, 0, 0)');
    el.style.setProperty('--sce-radius', '3px');
    el.style.setProperty('--sce-font-family', 'monospace');
    el.style.setProperty('--sce-max-width', '300px');
    expect(background(el)).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(el).borderTopLeftRadius).to.equal('3px');
    expect(getComputedStyle(el).fontFamily).to.equal('monospace');
    expect(background(root.querySelector('[part=send-button]')!)).to.equal('rgb(200, 0, 0)');
    expect(getComputedStyle(root.querySelector('.list')!).maxWidth).to.equal('300px');
  });

  it('exposes its parts for ::part styling', async () => {
    const { el, transport, root } = await chat(history(2));
    for (const part of ['messages', 'composer', 'input', 'send-button', 'error']) {
      expect(root.querySelector(`[part~=${part}]`), part).to.not.equal(null);
    }
    expect(root.querySelectorAll('[part~=message]')).to.have.length(2);
    expect(root.querySelectorAll('[part~=user-message]')).to.have.length(1);
    expect(root.querySelectorAll('[part~=assistant-message]')).to.have.length(1);
    void el.send('Hi');
    await until(() => transport.requests.length === 1);
    await el.updateComplete;
    expect(root.querySelector('[part=typing]')).to.not.equal(null);
    expect(root.querySelector('[part=stop-button]')).to.not.equal(null);
  });

  it('has slots for the header, the empty state and composer actions', async () => {
    const el = await fixture<StreamChat>(
      html`<stream-chat>
        <h2 slot="header">Support</h2>
        <p slot="empty">Ask about your order</p>
        <button slot="actions">Attach</button>
      </stream-chat>`,
    );
    const root = el.shadowRoot!;
    const assigned = (name: string) =>
      root.querySelector<HTMLSlotElement>(`slot[name=${name}]`)!.assignedElements()[0]?.textContent;
    expect(assigned('header')).to.equal('Support');
    expect(assigned('empty')).to.equal('Ask about your order');
    expect(assigned('actions')).to.equal('Attach');
    el.messages = history(2);
    await el.updateComplete;
    expect(root.querySelector('slot[name=empty]')).to.equal(null);
  });

  it('replaces every visible and announced string through `strings`', async () => {
    // Tool cards and sources have their own strings test (stream-chat-tools.test.ts).
    const strings: Omit<StreamChatStrings, keyof ToolStrings> = {
      log: 'Unterhaltung',
      input: 'Nachricht',
      placeholder: 'Schreiben Sie etwas',
      send: 'Senden',
      stop: 'Anhalten',
      retry: 'Erneut',
      jump: 'Zum Neuesten',
      earlier: 'Ältere zeigen',
      empty: 'Wie kann ich helfen?',
      user: 'Sie:',
      assistant: 'Assistent:',
      typing: 'Antwort wird erstellt',
      thinking: 'Denkt nach…',
      reasoning: 'Überlegungen',
      stopped: 'Angehalten',
      copy: 'Kopieren',
      copyCode: 'Code kopieren',
      copied: 'Kopiert',
      copyFailed: 'Kopieren fehlgeschlagen',
      loadImage: 'Bild von {host} laden',
      messageActions: 'Aktionen',
      copyMessage: 'Nachricht kopieren',
      good: 'Gute Antwort',
      bad: 'Schlechte Antwort',
      regenerate: 'Neu erzeugen',
      edit: 'Bearbeiten',
      editInput: 'Nachricht bearbeiten',
      editSend: 'Absenden',
      editCancel: 'Abbrechen',
      previousVersion: 'Vorige Fassung',
      nextVersion: 'Nächste Fassung',
      version: '{index} von {count}',
      versionLabel: 'Fassung {index} von {count}',
      showSource: 'Quelltext',
      diagram: 'Diagramm ({type})',
      diagramFailed: 'Dieses Diagramm ließ sich nicht zeichnen; sein Quelltext steht hier.',
    };
    // Shown only after a click (copy, Edit) or with versions: their own tests cover them.
    const afterClick = new Set([
      strings.copied,
      strings.copyFailed,
      strings.editInput,
      strings.editSend,
      strings.editCancel,
      strings.previousVersion,
      strings.nextVersion,
      strings.version,
      strings.versionLabel,
      strings.showSource,
      strings.diagram,
      strings.diagramFailed,
    ]);
    const transport = new ManualTransport();
    const el = await fixture<StreamChat>(
      html`<stream-chat
        style="height: 300px"
        .transport=${transport}
        .strings=${strings}
      ></stream-chat>`,
    );
    const root = el.shadowRoot!;
    const seen = new Set<string>();
    const collect = () => {
      for (const node of root.querySelectorAll('*')) {
        for (const attribute of ['aria-label', 'placeholder']) {
          const value = node.getAttribute(attribute);
          if (value) seen.add(value);
        }
        if (node.children.length === 0 && node.textContent?.trim())
          seen.add(node.textContent.trim());
      }
      for (const button of root.querySelectorAll('stop-button')) {
        seen.add(button.shadowRoot!.querySelector('button')!.textContent!.trim());
      }
      for (const view of root.querySelectorAll('token-view')) {
        for (const button of view.shadowRoot!.querySelectorAll('button')) {
          seen.add(button.textContent!.trim());
          seen.add(button.getAttribute('aria-label') ?? '');
        }
      }
    };
    collect();
    el.messages = history(120);
    await el.updateComplete;
    await frames(2);
    const log = root.querySelector<HTMLElement>('[part=messages]')!;
    log.dispatchEvent(new WheelEvent('wheel', { deltaY: -300 }));
    log.scrollTop -= 300;
    await frames(2);
    await el.updateComplete;
    collect();
    void el.send('Frage');
    await until(() => transport.requests.length === 1);
    await el.updateComplete;
    await until(() => root.querySelector('stop-button')?.shadowRoot?.querySelector('button'));
    collect();
    transport.push({ type: 'reasoning', text: 'hm' });
    await until(() => root.querySelector('summary'));
    collect();
    transport.text('Teil\n\n```js\nx\n```\n\n![Bild](https://images.example/b.png)\n\n');
    await until(() => root.querySelector('summary')!.textContent === 'Überlegungen');
    el.stop();
    await el.updateComplete;
    const answers = [...root.querySelectorAll('token-view')];
    await Promise.all(answers.map((view) => view.updateComplete));
    collect();
    void el.send('Noch mal');
    await until(() => transport.requests.length === 2);
    transport.text('x');
    transport.fail(new StreamError('network', 'Netzwerkfehler'));
    await oneEvent(el, 'stream-error');
    await el.updateComplete;
    collect();
    // A template: it shows with the image's host filled in.
    if (seen.has(strings.loadImage.replace('{host}', 'images.example')))
      seen.add(strings.loadImage);
    expect(
      [...Object.values(strings)].filter((value) => !seen.has(value) && !afterClick.has(value)),
    ).to.deep.equal([]);
    for (const english of ['Send', 'Retry', 'Jump to latest', 'Conversation', 'You:']) {
      expect(seen.has(english), english).to.equal(false);
    }
  });

  it('lays out right-to-left with dir="rtl"', async () => {
    const el = await fixture<StreamChat>(
      html`<stream-chat dir="rtl" .messages=${history(2)}></stream-chat>`,
    );
    const root = el.shadowRoot!;
    const question = root.querySelector('[part~=user-message]')!.getBoundingClientRect();
    const log = root.querySelector('.list')!.getBoundingClientRect();
    expect(question.left - log.left, 'the user’s message sits on the left').to.be.below(2);
    const composer = root.querySelector('[part=composer]')!;
    const input = root.querySelector('textarea')!.getBoundingClientRect();
    const send = root.querySelector('[part=send-button]')!.getBoundingClientRect();
    expect(send.right).to.be.at.most(input.left);
    expect(getComputedStyle(composer).direction).to.equal('rtl');
  });

  it('respects lang for its content', async () => {
    const el = await fixture<StreamChat>(html`<stream-chat lang="ja"></stream-chat>`);
    expect(el.shadowRoot!.querySelector('textarea')!.matches(':lang(ja)')).to.equal(true);
  });

  it('makes no network request of its own', async () => {
    const before = performance.getEntriesByType('resource').length;
    const el = await fixture<StreamChat>(
      html`<stream-chat theme="dark" .messages=${history(6)}></stream-chat>`,
    );
    await frames(3);
    await el.updateComplete;
    const after = performance.getEntriesByType('resource').slice(before);
    expect(
      after.map((entry) => entry.name).filter((name) => !name.includes('/src/')),
    ).to.deep.equal([]);
  });
});
