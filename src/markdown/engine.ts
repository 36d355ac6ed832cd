// The Markdown engine of <token-view>: marked and everything that turns its output into DOM,
// except the sanitiser (DOMPurify), which <token-view> loads in parallel as a chunk of its own.
// Neither sits in the embed's main file: <token-view> starts loading both when it is defined
// and waits for them before its first frame.
import { Marked, type MarkedExtension } from 'marked';

export { BlockDom } from './block-dom.js';
export { MarkdownStream } from './blocks.js';
export { mathExtension, withPendingMath } from './math.js';
export { morph } from './morph.js';
export { repairTail } from './repair.js';

/** A marked instance for one stream. Task list items get a character, not a form control: the
 * sanitiser drops every `<input>`. */
export const markdown = (extensions: MarkedExtension[]) =>
  new Marked({ renderer: { checkbox: ({ checked }) => (checked ? '☑ ' : '☐ ') } }, ...extensions);
