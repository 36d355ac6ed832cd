/**
 * Tail repair: what the unfinished end of a streamed Markdown answer should look like right now.
 * DOM-free: text in, text out, so every prefix of a document can be tested.
 *
 * The result is only ever rendered for the current frame; the finished document is rendered
 * from the unrepaired source, so repair may hide or close things but never decides the outcome.
 */

/** Where an unfinished link's href would be: a scheme the URL policy rejects, so no href stays. */
export const PENDING_HREF = 'sce-pending:';

/**
 * A last line holding nothing but block markers that may still become something else. The
 * lookahead and back reference match the leading spaces once, without backtracking.
 */
const MARKERS_ONLY = /^(?=([ \t>]*))\1(?:\d{1,9}[.)]?)?[ \t>#|:=*+`~_-]*(?:\[[ xX]?\]?[ \t]*)?$/;
/** A line that may be a link reference definition being typed: it renders as nothing. */
const DEFINITION = /^ {0,3}\[[^\]]*(?:\](?::.*)?)?$/;
/** Block markers in front of a line's inline content: quote, list item, heading. */
const LINE_PREFIX = /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*(?:#{1,6}[ \t]+)?/;
const FENCE = /^ *(`{3,}|~{3,})(.*)$/gm;
/** The rest of a line that is a tag, a comment, an autolink or an entity still being typed. */
const PARTIAL_MARKUP =
  /^(?:<(?:!-{0,2}|\/?(?:[a-z][\w-]*(?:\s[^<>]*)?)?|[a-z][\w+.-]*:[^\s<>]*)|&#?\w*)$/i;
/** A bare URL at the end of the line (not a link destination), which GFM would autolink. */
const BARE_URL = /(?<=^|[\s*_~]|[^\]]\()(?:https?:\/\/|www\.)\S*$/i;
const SPACE = /\s/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const ROW = /^ {0,3}\|/;

/**
 * Returns `tail` as it should be shown while more text may follow: an open code fence stays a
 * growing code block (its half-typed info string and closing fence held back); half-typed block
 * markers (`#`, `-`, `1.`, `>`, a setext underline) and a table without its delimiter row are
 * held back; on the last line, unclosed emphasis, strikethrough and code spans are closed, an
 * unfinished link keeps its text without an href, and an unfinished image, bare URL, tag or
 * entity is held back.
 */
export function repairTail(tail: string): string {
  const start = tail.lastIndexOf('\n') + 1;
  const head = tail.slice(0, start);
  const line = tail.slice(start);
  let fence = '';
  let fenceEnd = 0;
  for (const match of tail.matchAll(FENCE)) {
    const [whole, marks = '', info = ''] = match;
    if (!fence) {
      if (marks[0] === '~' || !info.includes('`'))
        [fence, fenceEnd] = [marks, match.index + whole.length];
    } else if (marks[0] === fence[0] && marks.length >= fence.length && !info.trim()) fence = '';
  }
  if (fence) {
    // On the opening line the info string (the language label) may be half-typed.
    if (fenceEnd === tail.length) return head + line.slice(0, line.indexOf(fence) + fence.length);
    return /^ *[`~]+ *$/.test(line) ? head : tail;
  }
  // A table appears once its delimiter row is complete: hold its header row back until then.
  const lines = head.split('\n');
  const [before = '', previous = ''] = [lines.at(-3), lines.at(-2)];
  if (ROW.test(line) && !ROW.test(previous)) return head;
  if ((line === '' || ROW.test(line)) && ROW.test(previous) && !ROW.test(before)) {
    return head.slice(0, head.lastIndexOf('\n', head.length - 2) + 1);
  }
  // After a line break, a backslash ending the paragraph waits to become a hard line break.
  if (MARKERS_ONLY.test(line) || DEFINITION.test(line)) return head.replace(/\\\n$/, '\n');
  return repairLine(head, line);
}

/** Closes or hides unfinished inline syntax at the end of the last line. */
function repairLine(head: string, line: string): string {
  const prefix = LINE_PREFIX.exec(line)![0];
  // A bare URL still being typed would become a link to a partial address: hold it back.
  const text = line.slice(prefix.length).replace(BARE_URL, '');
  /** Unclosed openers: the mark (`*`, `_`, `~`, `` ` ``, `[` or `!`), its run length, its index. */
  const open: [string, number, number][] = [];
  let cut = text.length;
  let suffix = '';
  let size: number;
  for (let i = 0; i < text.length; i += size) {
    const char = text[i]!;
    const code = open.at(-1)?.[0] === '`';
    size = 1;
    while ('*_~`'.includes(char) && text[i + size] === char) size += 1;
    if (code) {
      if (char === '`' && size === open.at(-1)![1]) open.pop();
      else if (char === '`' && i + size === text.length) cut = i;
    } else if (char === '\\' || char === '!') {
      // At the end, a backslash may still escape something or become a hard line break, and
      // `!` may start an image.
      if (i + 1 === text.length) cut = i;
      if (char === '\\') size = 2;
      else if (text[i + 1] === '[') [size, open[open.length]] = [2, ['!', 1, i]];
    } else if ('*_~`'.includes(char)) {
      const [before = ' ', after] = [text[i - 1], text[i + size]];
      const closes = SPACE.test(before) ? -1 : open.findLastIndex(([m]) => m === char);
      // Left-flanking, as CommonMark defines it; `_` may not open inside a word, and `*` not
      // inside a Latin word or number either.
      const opens =
        after !== undefined &&
        !SPACE.test(after) &&
        (!PUNCTUATION.test(after) || SPACE.test(before) || PUNCTUATION.test(before)) &&
        (char === '_' ? SPACE.test(before) || PUNCTUATION.test(before) : !/[a-z\d]/i.test(before)); // not in 2*3 or a*b, but in 中文*强调*
      // A delimiter run with nothing after it yet is held back.
      if (after === undefined) cut = i;
      else if (char !== '`' && closes >= 0) open.length = closes;
      else if (char === '`' || opens) {
        if (char !== '~' || size === 2) open.push([char, size, i]);
      }
    } else if (char === '[') open.push([char, 1, i]);
    else if (char === ']') {
      const link = open.findLastIndex(([m]) => m === '[' || m === '!');
      if (link >= 0) {
        const [mark, , at] = open[link]!;
        const next = text[i + 1];
        open.length = link;
        if (next === '[') {
          // A reference label follows: hidden until complete, with the image it belongs to.
          open.push(['!', 1, mark === '!' ? at : i + 1]);
          size = 2;
        } else {
          const end = next === '(' ? destinationEnd(text, i + 2) : next === undefined ? -1 : i;
          // The destination is unfinished or not begun yet: an image is hidden, a link keeps
          // its text but gets no href.
          if (end < 0) [cut, suffix] = mark === '!' ? [at, ''] : [i + 1, `(${PENDING_HREF})`];
          size = end + 1 - i;
        }
      }
    } else if ('<&'.includes(char) && text.length - i < 300 && PARTIAL_MARKUP.test(text.slice(i))) {
      cut = i;
    }
    if (cut < text.length || suffix) break;
  }
  const image = open.findIndex(([m]) => m === '!');
  if (image >= 0) cut = Math.min(cut, open.splice(image)[0]![2]);
  let out = head + prefix + text.slice(0, cut) + suffix;
  if (open.length > 0) out = out.trimEnd();
  for (const [mark, size] of open.reverse())
    out += mark === '[' ? `](${PENDING_HREF})` : mark.repeat(size);
  return out;
}

/** Index of the `)` closing a link destination that starts at `from`, or -1 if unfinished. */
function destinationEnd(text: string, from: number): number {
  for (let i = from, depth = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\\') i += 1;
    else if (char === '(') depth += 1;
    else if (char === ')' && depth-- === 0) return i;
  }
  return -1;
}
