import type { Marked, Token, TokensList } from 'marked';

type Links = TokensList['links'];

/** A first line after a blank line that may still turn into a list item or an indented line. */
const UNDECIDED_LINE = /^ *(?:[*+-]|\d{1,9}[.)]?)?[ \t]*$/;

/**
 * The length of the leading part of `source` whose blocks are finished: no text appended later
 * can change how they render. `tokens` are `source` lexed by marked (their `raw`s tile it).
 *
 * A block is finished once a later block has started in a way that cannot fold back into it:
 * - ATX and setext headings, thematic breaks and closed code fences end at their line break;
 * - after a blank line, a block ends once the next line can no longer continue it (an indented
 *   line, or a marker that would continue a list); lists, indented code and reference
 *   definitions are why this waits for that line;
 * - without a blank line, two complete lines must follow, because the next line alone may still
 *   join the block (a setext underline, a table delimiter row, a lazy continuation line);
 * - a reference definition ends only at a blank line: its title may still span the lines after it.
 * The last block is never finished while the stream is open.
 */
export function finishedLength(source: string, tokens: readonly Token[]): number {
  let done = 0;
  let end = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    end += token.raw.length;
    if (token.type === 'space') continue;
    let next = end;
    for (let j = i + 1; tokens[j]?.type === 'space'; j += 1) next += tokens[j]!.raw.length;
    if (next >= source.length) break;
    const gap = source.slice(end - token.raw.length + token.raw.trimEnd().length, next);
    const lineEnd = source.indexOf('\n', next);
    const closed =
      token.type === 'heading' ||
      token.type === 'hr' ||
      (token.type === 'code' && token.codeBlockStyle !== 'indented');
    const blank = /\n[ \t]*\n/.test(gap);
    const finished =
      (closed && gap.includes('\n')) ||
      (blank
        ? lineEnd >= 0 || !UNDECIDED_LINE.test(source.slice(next))
        : token.type !== 'def' && lineEnd >= 0 && source.indexOf('\n', lineEnd + 1) >= 0);
    if (!finished) break;
    done = next;
  }
  return done;
}

/**
 * A link label as marked and CommonMark match it: trimmed, inner whitespace collapsed to one
 * space, Unicode case-folded (`ẞ` matches `SS`).
 */
export const normalizeLabel = (label: string): string =>
  label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase().toLowerCase();

/**
 * What a label looks like in source text for a quick "may this block use it" test: folded,
 * without the whitespace and quote markers (`>`) that a label may span lines with.
 */
const searchable = (text: string) => normalizeLabel(text).replace(/[\s>]+/g, '');

/** Reference definitions (`[label]: url`) in `tokens`, nested ones included. */
function definitions(tokens: readonly Token[], found: Links = Object.create(null)): Links {
  for (const token of tokens) {
    if (token.type === 'def') found[token.tag] ??= { href: token.href, title: token.title };
    if ('tokens' in token && token.tokens) definitions(token.tokens, found);
    if ('items' in token) definitions(token.items as Token[], found);
  }
  return found;
}

/** HTML of one block, or of a run of blocks of the unfinished tail. */
export interface MarkdownBlock {
  html: string;
  /**
   * True when the Markdown held raw HTML: it is parsed on its own, so a tag it leaves open is
   * closed with it (as it is while streaming) and never swallows later blocks.
   */
  markup: boolean;
}

/** A finished block rendered again because a reference definition that came later applies to it. */
export interface MarkdownPatch {
  /** Which finished block: its place among all finished blocks so far, from 0. */
  index: number;
  html: string;
}

/** One frame's HTML: blocks that became finished, patches to earlier ones, and the tail. */
export interface MarkdownFrame {
  /** One per top-level block finished since the previous frame, in order. */
  finished: MarkdownBlock[];
  /** Earlier finished blocks whose HTML changed because a new definition resolves a link in them. */
  patches: MarkdownPatch[];
  /** The unfinished tail: replaces the previous frame's tail. Empty after the final render. */
  tail: MarkdownBlock[];
}

interface Finished {
  raw: string;
  html: string;
  /** `raw` as `searchable` makes it, computed when a definition first needs it. */
  search?: string;
}

/**
 * The DOM-free core of `<token-view>`: keeps the Markdown source of one stream and, per frame,
 * lexes only the unfinished tail with a private marked instance. Finished blocks are rendered
 * once; a reference definition that arrives later re-renders only the blocks that use it.
 */
export class MarkdownStream {
  readonly #marked: Marked;
  #source = '';
  #started = false;
  #done = 0;
  #pendingReturn = false;
  #links: Links = Object.create(null);
  readonly #blocks: Finished[] = [];

  constructor(marked: Marked) {
    this.#marked = marked;
  }

  /** The normalised source (line breaks as `\n`, no byte order mark at the start). */
  get source(): string {
    return this.#source;
  }

  /** Appends source text; CR LF and CR become LF, even when split across calls. */
  append(text: string): void {
    if (text === '') return;
    if (!this.#started && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.#started = true;
    if (this.#pendingReturn && text[0] === '\n') text = text.slice(1);
    this.#pendingReturn = text.endsWith('\r');
    this.#source += text.replace(/\r\n?/g, '\n');
  }

  /**
   * Renders what changed since the last call, showing the unfinished tail through `repair`
   * (see repair.ts). Without one, this is the final render: every block is finished.
   */
  render(repair?: (tail: string) => string): MarkdownFrame {
    const final = !repair;
    const tail = this.#source.slice(this.#done);
    const tokens = this.#lex(tail);
    const length = final ? tail.length : finishedLength(tail, tokens);
    let count = 0;
    for (let sum = 0; sum < length; count += 1) sum += tokens[count]!.raw.length;
    let finished: Token[] = tokens.slice(0, count);
    const found = definitions(finished);
    const added: string[] = [];
    for (const [label, link] of Object.entries(found)) {
      if (this.#links[label]) continue;
      this.#links[label] = link;
      added.push(label);
    }
    // A definition in the unfinished tail may still change or vanish: finished blocks must not
    // link to it, so lex them again without it.
    if (Object.keys(tokens.links).some((label) => !this.#links[label])) {
      finished = this.#lex(tail.slice(0, length));
    }
    const patches = this.#patches(added);
    this.#done += length;
    const blocks: MarkdownBlock[] = [];
    for (const token of finished) {
      const html = this.#marked.parser([token]);
      if (html === '') continue;
      this.#blocks.push({ raw: token.raw, html });
      blocks.push({ html, markup: hasMarkup(token) });
    }
    const rest = tail.slice(length);
    const shown = repair?.(rest) ?? rest;
    return {
      finished: blocks,
      patches,
      tail: this.#group(shown === rest ? tokens.slice(count) : this.#lex(shown)),
    };
  }

  /** Earlier finished blocks that may use one of the `labels` just defined, rendered again. */
  #patches(labels: string[]): MarkdownPatch[] {
    const patches: MarkdownPatch[] = [];
    if (labels.length === 0) return patches;
    const wanted = labels.map((label) => `[${searchable(label)}]`);
    this.#blocks.forEach((block, index) => {
      block.search ??= searchable(block.raw);
      if (!wanted.some((label) => block.search!.includes(label))) return;
      const html = this.#marked.parser(this.#lex(block.raw));
      if (html === block.html) return;
      block.html = html;
      patches.push({ index, html });
    });
    return patches;
  }

  #lex(source: string): TokensList {
    const lexer = new this.#marked.Lexer(this.#marked.defaults);
    lexer.tokens.links = Object.assign(Object.create(null), this.#links);
    const tokens = lexer.lex(source);
    const walk = this.#marked.defaults.walkTokens;
    if (walk) this.#marked.walkTokens(tokens, walk);
    return tokens;
  }

  /** The tail's HTML: runs of plain blocks together, each block with raw HTML on its own. */
  #group(tokens: Token[]): MarkdownBlock[] {
    const groups: Token[][] = [];
    let plain = false;
    for (const token of tokens) {
      const markup = hasMarkup(token);
      if (markup || !plain) groups.push([token]);
      else groups.at(-1)!.push(token);
      plain = !markup;
    }
    return groups
      .map((group) => ({ html: this.#marked.parser(group), markup: hasMarkup(group[0]!) }))
      .filter((block) => block.html !== '');
  }
}

const hasMarkup = (token: Token) => token.type !== 'code' && token.raw.includes('<');
