/**
 * Tail repair: what the unfinished end of a streamed Markdown answer should look like right now.
 * DOM-free: text in, text out, so every prefix of a document can be tested.
 *
 * The result is only ever rendered for the current frame; the finished document is rendered
 * from the unrepaired source, so repair may hide or close things but never decides the outcome.
 */

/** Where an unfinished link's href would be: a scheme the URL policy rejects, so no href stays. */
export const PENDING_HREF = 'sce-pending:';

/** A last line holding nothing but block markers that may still become something else. */
const MARKERS_ONLY = /^[ \t>#|:=*+`~_\d.)-]*$/;
/** Block markers in front of a line's inline content: quote, list item, heading. */
const LINE_PREFIX = /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*(?:#{1,6}[ \t]+)?/;
const FENCE = /^ *(`{3,}|~{3,})(.*)$/gm;
/** The rest of a line that is a tag or an entity still being typed. */
const PARTIAL_MARKUP = /^(?:<\/?[a-z][\w-]*(?:\s[^<>]*)?|&#?\w*)$/i;
const SPACE = /\s/;
const OPENS_AFTER = /[\s\p{P}\p{S}]/u;
const ROW = /^ {0,3}\|/;

/**
 * Returns `tail` as it should be shown while more text may follow: an open code fence stays a
 * growing code block (its half-typed info string and closing fence held back); half-typed block
 * markers (`#`, `-`, `1.`, `>`, a setext underline) and a table without its delimiter row are
 * held back; on the last line, unclosed emphasis, strikethrough and code spans are closed, an
 * unfinished link keeps its text without an href, and an unfinished image, tag or entity is
 * held back.
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
  return MARKERS_ONLY.test(line) ? head : repairLine(head, line);
}

/** Closes or hides unfinished inline syntax at the end of the last line. */
function repairLine(head: string, line: string): string {
  const prefix = LINE_PREFIX.exec(line)![0];
  const text = line.slice(prefix.length);
  /** Unclosed openers: the mark (`*`, `_`, `~`, `` ` ``, `[` or `!`), its run length, its index. */
  const open: [string, number, number][] = [];
  let cut = text.length;
  let suffix = '';
  for (let i = 0, size = 1; i < text.length; i += size) {
    const char = text[i]!;
    const code = open.at(-1)?.[0] === '`';
    size = 1;
    while ('*_~`'.includes(char) && text[i + size] === char) size += 1;
    if (code) {
      if (char === '`' && size === open.at(-1)![1]) open.pop();
    } else if (char === '\\') size = 2;
    else if ('*_~`'.includes(char)) {
      const after = text[i + size];
      const closes = SPACE.test(text[i - 1] ?? ' ') ? -1 : open.findLastIndex(([m]) => m === char);
      // A delimiter run with nothing after it yet is held back.
      if (after === undefined) cut = i;
      else if (char !== '`' && closes >= 0) open.length = closes;
      else if (char === '`' || (!SPACE.test(after) && OPENS_AFTER.test(text[i - 1] ?? ' '))) {
        if (char !== '~' || size === 2) open.push([char, size, i]);
      }
    } else if (char === '[' || (char === '!' && text[i + 1] === '[')) {
      open.push([char, 1, i]);
      size = char === '!' ? 2 : 1;
    } else if (char === ']') {
      const link = open.findLastIndex(([m]) => m === '[' || m === '!');
      if (link >= 0) {
        const [mark, , at] = open[link]!;
        open.length = link;
        if (text[i + 1] === '(') {
          const end = destinationEnd(text, i + 2);
          // Inside the destination: an image is hidden, a link keeps its text but no href.
          if (end < 0) [cut, suffix] = mark === '!' ? [at, ''] : [i + 1, `(${PENDING_HREF})`];
          size = end + 1 - i;
        }
      }
    } else if ('<&'.includes(char) && text.length - i < 300 && PARTIAL_MARKUP.test(text.slice(i))) {
      cut = i;
    }
    if (cut < text.length) break;
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
