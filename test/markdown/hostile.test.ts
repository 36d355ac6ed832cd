import { expect, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { TokenView } from '../../src/index.js';
import { hostile } from './corpus.js';
import { content, crossOriginPixel, pixelHits, uniqueId } from './dom-helpers.js';
import { randomChunks } from './helpers.js';
import { policyBreaches } from './inspect.js';
import { sanitizerInUse, useFallbackSanitizer } from '../../src/markdown/sanitize.js';

// Every hostile input is streamed in random chunks (checked after every frame) and rendered at
// once. Traps record any script the model's output manages to run; the pixel server and the
// resource timeline record any request it makes.
for (const [fallback, name] of [
  [false, 'the HTML Sanitizer API'],
  [true, 'DOMPurify, the fallback'],
] as const) {
  describe(`hostile corpus, sanitised by ${name}`, () => {
    const ran: string[] = [];
    const errors: string[] = [];
    const onError = (event: ErrorEvent | PromiseRejectionEvent) =>
      errors.push(String('reason' in event ? event.reason : event.message));
    const requested: string[] = [];
    const prefix = uniqueId('hostile');
    const inputs = hostile((name) => crossOriginPixel(`${prefix}-${name}`));
    const container = document.createElement('div');
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name.includes(prefix) || entry.name.startsWith('javascript:'))
          requested.push(entry.name);
      }
    });
    const globals = window as unknown as Record<string, unknown>;
    const trapped = ['alert', 'confirm', 'prompt', 'print', 'open', 'pwned'] as const;
    const originals = new Map(trapped.map((name) => [name, globals[name]]));

    before(async () => {
      await useFallbackSanitizer(fallback);
      expect(sanitizerInUse()).to.equal(fallback ? 'dompurify' : 'platform');
      for (const name of trapped)
        globals[name] = (...args: unknown[]) => ran.push(`${name}(${args.join()})`);
      observer.observe({ type: 'resource' });
      document.body.append(container);
      addEventListener('error', onError);
      addEventListener('unhandledrejection', onError);
    });

    after(async () => {
      await useFallbackSanitizer(false);
      for (const [name, value] of originals) globals[name] = value;
      observer.disconnect();
      container.remove();
      removeEventListener('error', onError);
      removeEventListener('unhandledrejection', onError);
    });

    it('has at least 100 inputs', () => {
      expect(inputs.length).to.be.at.least(100);
    });

    it('would notice a script that ran, a request and a forbidden element (canary)', async () => {
      const canary = document.createElement('div');
      // Straight into the page, bypassing <token-view>: what the checks below must catch.
      canary.innerHTML = `<img src="${crossOriginPixel(`${prefix}-canary`)}" onerror="pwned('canary')" onload="pwned('canary')"><a href="javascript:x">x</a>`;
      container.append(canary);
      await waitUntil(() => ran.length > 0 && requested.length > 0);
      expect(await pixelHits(`${prefix}-canary`)).to.equal(1);
      expect(policyBreaches(canary)).to.have.members([
        'attribute onerror on <img>',
        'attribute onload on <img>',
        `remote src ${crossOriginPixel(`${prefix}-canary`)}`,
        'href=javascript:x',
        'link without target=_blank',
        'link rel',
      ]);
      canary.remove();
      await new Promise((resolve) => setTimeout(resolve, 200));
      ran.length = 0;
      requested.length = 0;
    });

    for (const [index, input] of inputs.entries()) {
      it(`#${index} ${input.slice(0, 60).replace(/\n/g, ' ')}`, async () => {
        const streamed = document.createElement('token-view') as TokenView;
        const whole = document.createElement('token-view') as TokenView;
        container.append(streamed, whole);
        streamed.throttle = 0;
        whole.text = input;
        for (const chunk of randomChunks(input, index + 1, 7)) {
          streamed.write(chunk);
          await streamed.updateComplete;
          expect(policyBreaches(content(streamed)), 'while streaming').to.deep.equal([]);
        }
        streamed.end();
        await streamed.updateComplete;
        await whole.updateComplete;
        expect(policyBreaches(content(streamed)), 'streamed').to.deep.equal([]);
        expect(policyBreaches(content(whole)), 'whole').to.deep.equal([]);
        expect(content(streamed).innerHTML).to.equal(content(whole).innerHTML);
      });
    }

    it('ran no script and made no request for any of them', async () => {
      // Give late events (image errors, lazy loads, autofocus) a chance to fire.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(ran).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
      expect(requested).to.deep.equal([]);
      expect(await pixelHits(prefix)).to.equal(1); // the canary's
    });
  });
}
