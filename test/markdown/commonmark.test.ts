import { expect } from '@open-wc/testing';
import { BlockDom } from '../../src/markdown/block-dom.js';
import { MarkdownStream } from '../../src/markdown/blocks.js';
import { markdown } from '../../src/markdown/engine.js';
import { repairTail } from '../../src/markdown/repair.js';
import { sanitize } from '../../src/markdown/sanitize.js';
import { randomChunks } from './helpers.js';

interface Example {
  markdown: string;
  section: string;
  number: number;
}

/** The examples of the `commonmark-spec` package, extracted as its index.js does. */
async function examples(): Promise<Example[]> {
  const response = await fetch('/node_modules/commonmark-spec/spec.txt');
  const text = (await response.text())
    .replace(/\r\n?/g, '\n')
    .replace(/^<!-- END TESTS -->(.|[\n])*/m, '');
  const found: Example[] = [];
  let section = '';
  for (const match of text.matchAll(
    /^`{32} example\n([\s\S]*?)^\.\n([\s\S]*?)^`{32}$|^#{1,6} *(.*)$/gm,
  )) {
    if (match[3] !== undefined) section = match[3];
    else found.push({ markdown: match[1]!.replace(/→/g, '\t'), section, number: found.length + 1 });
  }
  return found;
}

/**
 * Renders `chunks` as <token-view> does, one frame per chunk (the DOM-free core, the block DOM
 * and the sanitiser, without waiting for animation frames), and returns the final DOM.
 */
function render(chunks: string[]): string {
  const root = document.createElement('div');
  const core = new MarkdownStream(markdown([]));
  const dom = new BlockDom(root, sanitize);
  for (const chunk of chunks) {
    core.append(chunk);
    dom.apply(core.render(repairTail));
  }
  dom.apply(core.render());
  return root.innerHTML;
}

const words = (text: string) => text.match(/\s*\S+|\s+$/g) ?? [];

const all = await examples();
const sections = new Map<string, Example[]>();
for (const example of all) {
  const key = `${example.section} (${Math.floor((example.number - 1) / 20)})`;
  sections.set(key, [...(sections.get(key) ?? []), example]);
}

describe('CommonMark spec examples: streamed renders equal the whole render', () => {
  it('has all 652 examples', () => {
    expect(all.length).to.equal(652);
  });

  for (const [name, group] of sections) {
    it(`${name}: examples ${group[0]!.number}–${group.at(-1)!.number}, four ways`, () => {
      for (const { markdown: source, number } of group) {
        const whole = render([source]);
        const ways: [string, string[]][] = [
          ['one character per frame', [...source]],
          ['seeded random splits', randomChunks(source, number, 6)],
          ['other seeded random splits', randomChunks(source, number + 1000, 3)],
          ['one word per write', words(source)],
        ];
        for (const [way, chunks] of ways) {
          expect(chunks.join('')).to.equal(source);
          expect(render(chunks), `example ${number}, ${way}: ${JSON.stringify(source)}`).to.equal(
            whole,
          );
        }
      }
    });
  }
});
