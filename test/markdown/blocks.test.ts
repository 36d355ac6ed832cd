import { expect } from '@open-wc/testing';
import { Marked } from 'marked';
import { finishedLength, MarkdownStream } from '../../src/markdown/blocks.js';
import { repairTail } from '../../src/markdown/repair.js';
import { documents } from '../../bench/token-view-docs.js';
import { tricky, trickyCrlf } from './corpus.js';
import { randomChunks, streamCore, wholeHtml } from './helpers.js';

const finished = (source: string) => finishedLength(source, new Marked().lexer(source));

describe('finishedLength (block freezing)', () => {
  it('never finishes the last block', () => {
    expect(finished('para')).to.equal(0);
    expect(finished('para\n\n')).to.equal(0);
    expect(finished('# heading\n')).to.equal(0);
  });

  it('finishes a paragraph once a later block starts after a blank line', () => {
    expect(finished('one\n\ntw')).to.equal(5);
    expect(finished('one\n\ntwo\n\nthr')).to.equal(10);
  });

  it('finishes headings, thematic breaks and closed fences at their line break', () => {
    expect(finished('# h\nx')).to.equal(4);
    expect(finished('***\nx')).to.equal(4);
    expect(finished('```\ncode\n```\nx')).to.equal(13);
    expect(finished('# h')).to.equal(0);
  });

  it('waits while a line after a blank line may still continue a list', () => {
    expect(finished('- a\n\n')).to.equal(0);
    expect(finished('- a\n\n  ')).to.equal(0);
    expect(finished('1. a\n\n2')).to.equal(0);
    expect(finished('1. a\n\n2.')).to.equal(0);
    expect(finished('- a\n\n-b')).to.equal(5);
    expect(finished('1. a\n\n2\n')).to.equal(6);
    expect(finished('- a\n\nafter')).to.equal(5);
  });

  it('waits for two complete lines when no blank line separates blocks', () => {
    // The next line may still become a setext underline, a table delimiter row or continuation.
    expect(finished('para\n# h')).to.equal(0);
    expect(finished('para\n# h\n')).to.equal(0);
    expect(finished('para\n# h\nx\n')).to.equal(9);
    expect(finished('para\n| a |\n|---|\n')).to.equal(5);
  });

  it('keeps setext headings, lazy lines and tables open while they can grow', () => {
    expect(finished('Title\n=')).to.equal(0);
    expect(finished('> quote\nlazy')).to.equal(0);
    expect(finished('| a |\n|---|\n| 1 |\nlazy')).to.equal(0);
  });
});

describe('MarkdownStream: streamed equals whole', () => {
  for (const [index, doc] of tricky.entries()) {
    it(`tricky #${index}: char by char and 20 random splits`, () => {
      const whole = wholeHtml(doc);
      expect(streamCore([...doc]).html).to.equal(whole);
      for (let seed = 1; seed <= 20; seed += 1) {
        expect(streamCore(randomChunks(doc, seed)).html, `seed ${seed}`).to.equal(whole);
      }
    });
  }

  for (const [index, doc] of trickyCrlf.entries()) {
    it(`CR LF and BOM #${index}: split between CR and LF too`, () => {
      const whole = wholeHtml(doc.replace(/\r\n/g, '\n'));
      expect(streamCore(doc.split(/(?<=\r)/)).html).to.equal(whole);
      expect(streamCore([...doc]).html).to.equal(whole);
      expect(streamCore(randomChunks(doc, 3)).html).to.equal(whole);
    });
  }

  for (const { name, text } of documents) {
    it(`${name} document: 5 random splits${text.length < 40_000 ? ' and char by char' : ''}`, function () {
      this.timeout(30_000);
      const whole = wholeHtml(text);
      if (text.length < 40_000) expect(streamCore([...text]).html).to.equal(whole);
      for (let seed = 1; seed <= 5; seed += 1) {
        expect(streamCore(randomChunks(text, seed, 40)).html, `seed ${seed}`).to.equal(whole);
      }
    });
  }

  it('renders each finished block once: frames only append finished HTML', () => {
    const core = new MarkdownStream(new Marked());
    const parts: string[] = [];
    for (const chunk of randomChunks(documents[0]!.text, 9)) {
      core.append(chunk);
      const frame = core.render(repairTail);
      expect(frame.patches).to.deep.equal([]);
      parts.push(...frame.finished.map(({ html }) => html));
    }
    const end = core.render();
    expect(end.tail).to.deep.equal([]);
    expect(parts.join('') + end.finished.map(({ html }) => html).join('')).to.equal(
      wholeHtml(documents[0]!.text),
    );
    expect(parts.filter(Boolean).length).to.be.greaterThan(10);
  });

  it('patches only the finished blocks that a later reference definition applies to', () => {
    const core = new MarkdownStream(new Marked());
    core.append('See [docs].\n\nMore.\n\nAnd [Docs] again.\n\nTail');
    expect(core.render(repairTail).finished.map(({ html }) => html)).to.deep.equal([
      '<p>See [docs].</p>\n',
      '<p>More.</p>\n',
      '<p>And [Docs] again.</p>\n',
    ]);
    core.append('\n\n[docs]: https://example.com\n\nEnd.');
    const frame = core.render(repairTail);
    expect(frame.patches).to.deep.equal([
      { index: 0, html: '<p>See <a href="https://example.com">docs</a>.</p>\n' },
      { index: 2, html: '<p>And <a href="https://example.com">Docs</a> again.</p>\n' },
    ]);
    expect(core.render().patches).to.deep.equal([]);
    const doc = 'See [docs].\n\nMore.\n\n[docs]: https://example.com\n\nEnd.';
    const streamed = streamCore([...doc]);
    expect(streamed.patched).to.equal(1);
    expect(streamed.html).to.equal(wholeHtml(doc));
    expect(streamCore([...'No references.\n\nAt all.\n\nEnd.']).patched).to.equal(0);
  });

  describe('label matching as marked and CommonMark do it', () => {
    const cases = [
      '[ẞ]\n\n[SS]: /url',
      '[ foo ]\n\n[foo]: /url',
      '[Foo\nbar]\n\n[foo bar]: /url',
      '[text][Foo\nBar]\n\n[foo bar]: /url',
      '> [foo\n> bar]\n\n[foo bar]: /url',
      '![Alt][ IMG ]\n\npara\n\n[img]: /pic.png "Title"',
    ];
    for (const doc of cases) {
      it(`${JSON.stringify(doc)}: streamed char by char and in random splits as whole`, () => {
        const whole = wholeHtml(doc);
        expect(whole).to.match(/href="\/url"|src="\/pic.png"/);
        expect(streamCore([...doc]).html).to.equal(whole);
        for (let seed = 1; seed <= 10; seed += 1) {
          expect(streamCore(randomChunks(doc, seed, 4)).html).to.equal(whole);
        }
      });
    }
  });

  describe('definitions whose title or URL is on later lines wait for them', () => {
    const cases = [
      "[foo]: /url\n'a\nb\nc'\n\n[foo]",
      '[foo]: /url\n"a\nb\nc"\n\n[foo]',
      '[foo]: /url\n(a\nb\nc)\n\n[foo]',
      "[foo]:\n/url\n'the\ntitle'\n\n[foo]",
      "[foo]\n\n[foo]: /url 'one\ntwo'\n\nafter",
    ];
    for (const doc of cases) {
      it(JSON.stringify(doc), () => {
        const whole = wholeHtml(doc);
        expect(whole).to.include('title="');
        expect(streamCore([...doc]).html).to.equal(whole);
        for (let seed = 1; seed <= 10; seed += 1) {
          expect(streamCore(randomChunks(doc, seed, 3)).html).to.equal(whole);
        }
      });
    }
  });

  it('normalises line breaks and drops a byte order mark', () => {
    const core = new MarkdownStream(new Marked());
    for (const chunk of ['\uFEFFa\r', '\nb\r', '\r', '\nc']) core.append(chunk);
    expect(core.source).to.equal('a\nb\n\nc');
  });

  it('drops only the byte order mark at the very start of the stream', () => {
    const core = new MarkdownStream(new Marked());
    for (const chunk of ['\uFEFF', '\uFEFFa', '\uFEFFb']) core.append(chunk);
    expect(core.source).to.equal('\uFEFFa\uFEFFb');
    const empty = new MarkdownStream(new Marked());
    for (const chunk of ['', '\uFEFFc']) empty.append(chunk);
    expect(empty.source).to.equal('c');
  });
});
