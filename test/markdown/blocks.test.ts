import { expect } from '@open-wc/testing';
import { Marked } from 'marked';
import { MarkdownStream } from '../../src/markdown/blocks.js';

const md = () => new Marked();

/** Streams `chunks` through the core, rendering after each, and returns the final HTML. */
function stream(chunks: string[]): string {
  const core = new MarkdownStream(md());
  let finished = '';
  for (const chunk of chunks) {
    core.append(chunk);
    const frame = core.render(false);
    finished = (frame.restart ? '' : finished) + frame.finished;
  }
  const frame = core.render(true);
  finished = (frame.restart ? '' : finished) + frame.finished;
  return finished + frame.tail;
}

const docs = [
  '# Title\n\nPara one **bold** and *em*.\n\n- a\n- b\n\n  continued\n- c\n\nText\n===\n\nMore text\n---\n\n```js\nconst x = 1;\n```\n\n> quote\nlazy\n\n| a | b |\n|---|---|\n| 1 | 2 |\nrow\n\n[ref]: https://example.com\n\nSee [ref] and [x].\n\n[x]: https://x.example\n',
  '1. one\n\n2. two\n\n3. three\n\nafter',
  'para\n- list\n- more\n\n    code\n\n    more code\n\nend',
  '<div>\n\n*md*\n\n</div>\n\n<!-- c\n\nstill -->\n\ntext',
];

describe('MarkdownStream (DOM-free core)', () => {
  for (const [index, doc] of docs.entries()) {
    it(`doc ${index}: char by char equals whole`, () => {
      expect(stream([...doc])).to.equal(md().parse(doc));
    });
  }
});
