// Math in Markdown: a marked extension that finds TeX between `$…$`, `\(…\)`, `$$…$$` and
// `\[…\]` and renders it as a placeholder holding the TeX source as text; `<token-view>`
// typesets placeholders with KaTeX (math-render.ts, a chunk of its own loaded on first use).
// DOM-free, so every rule and every streamed prefix can be tested as text.
import type { MarkedExtension, Tokens } from 'marked';

/**
 * Mark where an unfinished inline formula or display block begins in a repaired tail (see
 * `withPendingMath`). Private-use characters: only the repair of a streaming tail adds them.
 */
export const PENDING = '\uE000';
export const PENDING_BLOCK = '\uE001';

/** Classes of the placeholders (as remark-math names them): the sanitiser keeps `class`. */
export const INLINE_CLASS = 'math-inline';
export const DISPLAY_CLASS = 'math-display';
export const PENDING_CLASS = 'math-pending';

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[char]};`);

interface MathToken extends Tokens.Generic {
  text: string;
  display: boolean;
}

/**
 * Where an inline formula starting at `src[0]` ends (the index after its closing delimiter),
 * with its TeX; undefined when `src` does not start one. The dollar rules are Pandoc's, which
 * remark-math and markdown-it-texmath follow too: `$` opens only before a non-space character,
 * closes only after one and not before a digit, so "$5 and $10" stays prose; `\$` is a dollar.
 * `$…$` stays on one line; `\(…\)` and `$$…$$` may span lines of a paragraph. `\[…\]` is display
 * math only as a block of its own (see BLOCK): inside prose `\[` stays an escaped bracket.
 */
export function inlineMath(
  src: string,
): { end: number; text: string; display: boolean } | undefined {
  if (src.startsWith('\\(')) {
    const end = closing(src, 2, '\\)');
    if (end < 0) return undefined;
    const text = src.slice(2, end);
    return text.trim() ? { end: end + 2, text, display: false } : undefined;
  }
  if (src.startsWith('$$')) {
    const end = closing(src, 2, '$$');
    if (end < 0) return undefined;
    const text = src.slice(2, end);
    return text.trim() ? { end: end + 2, text, display: true } : undefined;
  }
  if (src[0] !== '$' || src[1] === undefined || /\s/.test(src[1])) return undefined;
  for (let i = 1; i < src.length; i += 1) {
    const char = src[i];
    if (char === '\n' || char === PENDING) return undefined;
    if (char === '\\') i += 1;
    else if (char === '$') {
      if (src[i + 1] === '$') return undefined;
      if (!/\s/.test(src[i - 1]!) && !/\d/.test(src[i + 1] ?? '')) {
        return { end: i + 1, text: src.slice(1, i), display: false };
      }
    }
  }
  return undefined;
}

/**
 * Index of `close` in `src` from `from` on, skipping backslash escapes; -1 when absent or
 * when a formula still being typed comes first.
 */
function closing(src: string, from: number, close: string): number {
  for (let i = from; i < src.length; i += 1) {
    if (src.startsWith(close, i)) return i;
    if (src[i] === PENDING || src[i] === PENDING_BLOCK) return -1;
    if (src[i] === '\\') i += 1;
  }
  return -1;
}

/**
 * A display block at the start of `src`: a line starting with `$$` or `\[`, up to the first
 * closer (`$$` or `\]`), which must end its line.
 */
export function mathBlock(src: string): { raw: string; text: string } | undefined {
  const open = /^ {0,3}(\$\$|\\\[)/.exec(src);
  if (!open) return undefined;
  const end = closing(src, open[0].length, open[1] === '$$' ? '$$' : '\\]');
  const after = end < 0 ? null : /^[ \t]*(?:\n|$)/.exec(src.slice(end + 2));
  const text = src.slice(open[0].length, end).trim();
  if (!after || !text) return undefined;
  return { raw: src.slice(0, end + 2 + after[0].length), text };
}
const BLOCK_START = /(?:^|\n) {0,3}(?:\$\$|\\\[|\uE001)/;
const INLINE_START = /[$\\\uE000]/;

/**
 * The math extension for marked. `$…$` and `\(…\)` render as
 * `<span class="math-inline">TeX</span>`; `$$…$$` and `\[…\]` as a `div` when they
 * stand as a block, as a `span` with `math-display` inside a paragraph; a formula still being
 * typed (after `PENDING`) as `<span class="math-pending">source</span>`.
 */
export function mathExtension(): MarkedExtension {
  const render = (token: Tokens.Generic) => {
    const { text, display } = token as MathToken;
    const tag = token.type === 'sceMathBlock' ? 'div' : 'span';
    const kind = display ? DISPLAY_CLASS : INLINE_CLASS;
    return `<${tag} class="${kind}">${escape(text)}</${tag}>`;
  };
  const pending = (token: Tokens.Generic) => {
    const tag = token.type === 'sceMathPendingBlock' ? 'div' : 'span';
    return `<${tag} class="${PENDING_CLASS}">${escape(token.text as string)}</${tag}>`;
  };
  return {
    extensions: [
      {
        name: 'sceMathBlock',
        level: 'block',
        start: (src) => index(src, BLOCK_START),
        tokenizer(src) {
          const found = mathBlock(src);
          return found && { type: 'sceMathBlock', ...found, display: true };
        },
        renderer: render,
      },
      {
        name: 'sceMathPendingBlock',
        level: 'block',
        tokenizer(src) {
          const match = /^ {0,3}\uE001([\s\S]*)$/.exec(src);
          if (!match) return undefined;
          return { type: 'sceMathPendingBlock', raw: match[0], text: match[1]!.trimEnd() };
        },
        renderer: pending,
      },
      {
        name: 'sceMath',
        level: 'inline',
        start: (src) => index(src, INLINE_START),
        tokenizer(src) {
          if (src[0] === PENDING) return { type: 'sceMathPending', raw: src, text: src.slice(1) };
          const found = inlineMath(src);
          if (!found) return undefined;
          return { type: 'sceMath', raw: src.slice(0, found.end), ...found };
        },
        renderer: render,
      },
      { name: 'sceMathPending', level: 'inline', renderer: pending },
    ],
  };
}

function index(src: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(src);
  if (!match) return undefined;
  return match.index + (match[0][0] === '\n' ? 1 : 0);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** Container markers in front of a line's content: quotes and list items. */
const CONTAINER = /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*/;

/**
 * Where the formula still being typed begins in `tail` (the unfinished end of a stream), or
 * -1: a display block opened by a line's `$$` or `\[` and not closed yet, or an inline opener
 * in the last paragraph that has no closer yet. Code fences and code spans are skipped.
 */
export function pendingMathStart(tail: string): number {
  const lines = tail.split('\n');
  let fence = '';
  let offset = 0;
  let display = -1;
  let paragraph = 0;
  for (const line of lines) {
    const start = offset;
    offset += line.length + 1;
    const fenced = FENCE.exec(line);
    if (fence) {
      if (
        fenced &&
        fenced[1]![0] === fence[0] &&
        fenced[1]!.length >= fence.length &&
        !fenced[2]!.trim()
      )
        fence = '';
      continue;
    }
    if (display >= 0) {
      if (/(?:\$\$|\\\])[ \t]*$/.test(line)) [display, paragraph] = [-1, offset];
      continue;
    }
    if (fenced && (fenced[1]![0] === '~' || !fenced[2]!.includes('`'))) {
      [fence, paragraph] = [fenced[1]!, offset];
      continue;
    }
    const prefix = CONTAINER.exec(line)![0];
    const content = line.slice(prefix.length);
    const opener = /^ {0,3}(\$\$|\\\[)/.exec(content);
    const closed =
      opener && closing(content, opener[0].length, opener[1] === '$$' ? '$$' : '\\]') >= 0;
    if (opener && !closed) {
      display = start + prefix.length;
      continue;
    }
    if (!line.trim() || (opener && mathBlock(content))) paragraph = offset;
  }
  if (fence) return -1;
  if (display >= 0) return display;
  return pendingInline(tail, Math.min(paragraph, tail.length));
}

/** The index of an unclosed inline opener in `tail` from `from` on, or -1. */
function pendingInline(tail: string, from: number): number {
  for (let i = from; i < tail.length; i += 1) {
    const char = tail[i];
    if (char === '`') {
      let run = 1;
      while (tail[i + run] === '`') run += 1;
      const close = tail.indexOf('`'.repeat(run), i + run);
      if (close < 0) return -1;
      i = close + run - 1;
    } else if (char === '$' || (char === '\\' && tail[i + 1] === '(')) {
      const found = inlineMath(tail.slice(i));
      if (found) i += found.end - 1;
      else if (opens(tail, i)) return i;
      else if (char === '\\' || tail[i + 1] === '$') i += 1;
    } else if (char === '\\') i += 1;
  }
  return -1;
}

/** True when the delimiter at `i` could still open a formula if more text came. */
function opens(tail: string, i: number): boolean {
  if (tail[i] === '\\') return true;
  const rest = tail.slice(i);
  if (rest.startsWith('$$')) return true;
  // `$` then a non-space on the same line: but "$5 and $10" has no closer either, and a
  // price should not flash as a formula, so a digit after `$` is taken for prose.
  return rest.length === 1 || (/^\$[^\s\d]/.test(rest) && !rest.includes('\n'));
}

/**
 * Wraps a tail repair (repair.ts) so that a formula still being typed at the end of the
 * stream shows as its source in a quiet style instead of as half-parsed Markdown: the
 * repair sees only the text before it, and the formula follows behind `PENDING`.
 */
export function withPendingMath(repair: (tail: string) => string): (tail: string) => string {
  return (tail) => {
    const at = pendingMathStart(tail);
    if (at < 0) return repair(tail);
    const lineStart = tail.lastIndexOf('\n', at - 1) + 1;
    const prefix = tail.slice(lineStart, at);
    const rest = tail.slice(at);
    const mark =
      /^(?:\$\$|\\\[)/.test(rest) && !tail.slice(lineStart, at).trim().replace(CONTAINER, '')
        ? PENDING_BLOCK
        : PENDING;
    // First on its line (after quote or list markers): the markers stay, unrepaired.
    if (CONTAINER.exec(prefix)![0] === prefix)
      return repair(tail.slice(0, lineStart)) + prefix + mark + rest;
    // Repair closes what is open before the formula; the space before it stays.
    const before = tail.slice(0, at);
    const space = /\s*$/.exec(before)![0];
    return repair(before.slice(0, before.length - space.length)) + space + mark + rest;
  };
}
