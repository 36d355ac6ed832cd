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
 *   join the block (a setext underline, a table delimiter row, a lazy continuation line).
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
    const finished =
      (closed && gap.includes('\n')) ||
      (/\n[ \t]*\n/.test(gap)
        ? lineEnd >= 0 || !UNDECIDED_LINE.test(source.slice(next))
        : lineEnd >= 0 && source.indexOf('\n', lineEnd + 1) >= 0);
    if (!finished) break;
    done = next;
  }
  return done;
}

/** Reference definitions (`[label]: url`) in `tokens`, nested ones included. */
function definitions(tokens: readonly Token[], found: Links = Object.create(null)): Links {
  for (const token of tokens) {
    if (token.type === 'def') found[token.tag] ??= { href: token.href, title: token.title };
    if ('tokens' in token && token.tokens) definitions(token.tokens, found);
    if ('items' in token) definitions(token.items as Token[], found);
  }
  return found;
}

/**
 * One frame's HTML: blocks that became finished, and the unfinished tail. Each is a list of
 * HTML strings to parse one by one: a block holding raw HTML gets its own string, so a tag it
 * leaves open is closed with it (as it is while streaming) and never swallows later blocks.
 */
export interface MarkdownFrame {
  /** True when `finished` re-renders every finished block from the start (a new reference definition). */
  restart: boolean;
  /** HTML of the blocks finished since the previous frame (of all of them when `restart`). */
  finished: string[];
  /** HTML of the unfinished tail: replaces the previous frame's tail. */
  tail: string[];
}

/**
 * The DOM-free core of `<token-view>`: keeps the Markdown source of one stream and, per frame,
 * lexes only the unfinished tail with a private marked instance.
 */
export class MarkdownStream {
  readonly #marked: Marked;
  #source = '';
  #done = 0;
  #pendingReturn = false;
  #links: Links = Object.create(null);

  constructor(marked: Marked) {
    this.#marked = marked;
  }

  /** The normalised source (line breaks as `\n`, no byte order mark). */
  get source(): string {
    return this.#source;
  }

  /** Appends source text; CR LF and CR become LF, even when split across calls. */
  append(text: string): void {
    if (this.#pendingReturn && text[0] === '\n') text = text.slice(1);
    this.#pendingReturn = text.endsWith('\r');
    this.#source += text.replace(/\r\n?/g, '\n');
    if (this.#source.charCodeAt(0) === 0xfeff) this.#source = this.#source.slice(1);
  }

  /**
   * Renders what changed since the last call, showing the unfinished tail through `repair`
   * (see repair.ts). Without one, the tail renders as the finished document would; it still
   * stays open to later text.
   */
  render(repair?: (tail: string) => string): MarkdownFrame {
    const final = !repair;
    const tail = this.#source.slice(this.#done);
    const tokens = this.#lex(tail);
    const length = finishedLength(tail, tokens);
    let count = 0;
    for (let sum = 0; sum < length; count += 1) sum += tokens[count]!.raw.length;
    let finished = tokens.slice(0, count);
    let known = true;
    // At the end, definitions in the tail count too: nothing can change them any more.
    const found = definitions(final ? tokens : finished);
    for (const [label, link] of Object.entries(found)) {
      if (this.#links[label]) continue;
      this.#links[label] = link;
      known &&= !this.#source.slice(0, this.#done).toLowerCase().includes(`[${label}`);
    }
    if (!known) {
      // An earlier block may reference the new definition: render everything finished again.
      this.#done = 0;
      return { ...this.render(repair), restart: true };
    }
    // A definition in the unfinished tail may still change or vanish: finished blocks must not
    // link to it, so lex them again without it.
    if (Object.keys(tokens.links).some((label) => !found[label] && !this.#links[label])) {
      finished = this.#lex(tail.slice(0, length));
    }
    this.#done += length;
    const rest = tail.slice(length);
    const shown = repair?.(rest) ?? rest;
    return {
      restart: false,
      finished: this.#parse(finished),
      tail: this.#parse(shown === rest ? tokens.slice(count) : this.#lex(shown)),
    };
  }

  #lex(source: string): TokensList {
    const lexer = new this.#marked.Lexer(this.#marked.defaults);
    lexer.tokens.links = Object.assign(Object.create(null), this.#links);
    const tokens = lexer.lex(source);
    const walk = this.#marked.defaults.walkTokens;
    if (walk) this.#marked.walkTokens(tokens, walk);
    return tokens;
  }

  #parse(tokens: Token[]): string[] {
    const groups: Token[][] = [];
    let plain = false;
    for (const token of tokens) {
      const raw = token.type !== 'code' && token.raw.includes('<');
      if (raw || !plain) groups.push([token]);
      else groups.at(-1)!.push(token);
      plain = !raw;
    }
    return groups.map((group) => this.#marked.parser(group));
  }
}
