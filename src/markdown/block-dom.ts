// The DOM side of <token-view>'s renderer: puts the frames of the DOM-free core (blocks.ts)
// into the content element. Finished blocks keep their nodes for good; the tail is morphed in
// place; a late reference definition patches the blocks that use it, in place.
import type { MarkdownBlock, MarkdownFrame } from './blocks.js';
import { morph } from './morph.js';

/**
 * Stands between the HTML of finished blocks that are parsed together, to tell their nodes
 * apart afterwards: a noncharacter, which Markdown text has no use for. Blocks are balanced
 * HTML, so it always lands in a text node between them.
 */
const SEPARATOR = '\uFDD0';

/** Sanitised, decorated nodes for `html` (the element's policy: sanitiser, images, code headers). */
export type RenderHtml = (html: string) => DocumentFragment;
/** True when an existing element stands for a freshly rendered one as it is (see `morph`). */
export type Keep = (old: Element, node: Element) => boolean;

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

const ESCAPED = /&(?:amp|lt|gt|quot|#39);/g;

/** Text as marked escapes it, decoded; undefined when it holds anything but those escapes. */
function decode(html: string): string | undefined {
  if (/[<>]/.test(html) || html.replace(ESCAPED, '').includes('&')) return undefined;
  return html.replace(ESCAPED, (entity) => ENTITIES[entity]!);
}

export class BlockDom {
  readonly #root: Element;
  readonly #render: RenderHtml;
  readonly #keep: Keep | undefined;
  /** The top-level nodes of each finished block, in order. */
  #blocks: ChildNode[][] = [];
  /** The top-level nodes of the unfinished tail, after the finished blocks. */
  #tail: ChildNode[] = [];
  /** The tail's HTML as last rendered, when it holds no raw HTML (see `#grow`). */
  #tailHtml: string | undefined;
  #restart = false;

  constructor(root: Element, render: RenderHtml, keep?: Keep) {
    this.#root = root;
    this.#render = render;
    this.#keep = keep;
  }

  /** The next frame starts from the first block again (a new core), keeping the nodes that fit. */
  restart(): void {
    this.#restart = true;
  }

  /**
   * Puts `frame` into the DOM. Returns the top-level nodes of each block that is new or patched
   * in it, for the finishing touches (highlighting) that only finished blocks get.
   */
  apply(frame: MarkdownFrame): ChildNode[][] {
    const changed: ChildNode[][] = [];
    for (const { index, html } of frame.patches) {
      const nodes = this.#blocks[index];
      if (!nodes?.length) continue;
      const next = [...this.#render(html).childNodes];
      const end = nodes.at(-1)!.nextSibling;
      changed.push((this.#blocks[index] = morph(this.#root, nodes[0]!, next, end, this.#keep)));
    }
    const html = frame.tail.every((block) => !block.markup)
      ? frame.tail.map((block) => block.html).join('')
      : undefined;
    if (frame.patches.length + frame.finished.length === 0 && !this.#restart && this.#grow(html)) {
      this.#tailHtml = html;
      return changed;
    }
    this.#tailHtml = html;
    let start: ChildNode | null = this.#tail[0] ?? null;
    if (this.#restart) {
      [this.#restart, this.#blocks, start] = [false, [], this.#root.firstChild];
    }
    const units = this.#finished(frame.finished);
    const tail = frame.tail.flatMap(({ html }) => [...this.#render(html).childNodes]);
    const placed = morph(this.#root, start, [...units.flat(), ...tail], null, this.#keep);
    let at = 0;
    for (const unit of units) {
      const nodes = placed.slice(at, (at += unit.length));
      this.#blocks.push(nodes);
      changed.push(nodes);
    }
    this.#tail = placed.slice(at);
    return changed;
  }

  /**
   * The fast path of a frame that only typed more text into the tail: when the new HTML is the
   * old one with plain text inserted into its last text node, that text node grows, and the
   * sanitiser and the morph have nothing to do. True when it applied (or nothing changed).
   */
  #grow(html: string | undefined): boolean {
    const was = this.#tailHtml;
    if (html === undefined || was === undefined) return false;
    if (html === was) return true;
    const shorter = Math.min(was.length, html.length);
    let start = 0;
    while (start < shorter && was.charCodeAt(start) === html.charCodeAt(start)) start += 1;
    let end = 0;
    while (
      end < shorter - start &&
      was.charCodeAt(was.length - 1 - end) === html.charCodeAt(html.length - 1 - end)
    ) {
      end += 1;
    }
    if (start + end !== was.length) return false;
    // The text run around the insertion: from the last tag before it to the first one after.
    const runStart = html.lastIndexOf('>', start - 1) + 1;
    const closing = html.indexOf('<', start);
    if (runStart === 0 || closing < html.length - end) return false;
    const after = html.slice(closing);
    const oldRun = decode(was.slice(runStart, closing - (html.length - was.length)));
    const newRun = decode(html.slice(runStart, closing));
    if (oldRun === undefined || newRun === undefined || oldRun === '') return false;
    const text = this.#lastText(after);
    if (!text?.data.endsWith(oldRun)) return false;
    text.replaceData(text.data.length - oldRun.length, oldRun.length, newRun);
    return true;
  }

  /**
   * The text node of the tail that ends where `after` (closing tags and the whitespace between
   * them) begins, found by walking back from the tail's last node; undefined if the DOM does
   * not have that shape.
   */
  #lastText(after: string): Text | undefined {
    const parts = after.match(/<\/[a-z][a-z0-9]*>|\s+/g) ?? [];
    if (parts.join('') !== after) return undefined;
    let node: Node | null = this.#tail.at(-1) ?? null;
    for (const part of parts.reverse()) {
      if (part[0] !== '<') {
        if (node?.nodeType !== 3 || (node as Text).data !== part) return undefined;
        node = node.previousSibling;
        continue;
      }
      const tag = part.slice(2, -1);
      // A decorated element (a code block's frame) stands around the one the HTML names.
      if (node?.nodeType === 1 && (node as Element).localName !== tag) {
        node = (node as Element).lastElementChild;
      }
      if (node?.nodeType !== 1 || (node as Element).localName !== tag) return undefined;
      node = node.lastChild;
    }
    return node?.nodeType === 3 ? (node as Text) : undefined;
  }

  /** The nodes of each finished block: runs of plain blocks are sanitised in one go. */
  #finished(blocks: readonly MarkdownBlock[]): Node[][] {
    const units: Node[][] = [];
    for (let i = 0; i < blocks.length;) {
      let j = i + 1;
      if (!blocks[i]!.markup) while (j < blocks.length && !blocks[j]!.markup) j += 1;
      const run = blocks.slice(i, j);
      const split = this.#split(run.map(({ html }) => html).join(SEPARATOR));
      // Should a separator not come out where it went in, each block is parsed on its own.
      if (split.length === run.length) units.push(...split);
      else for (const { html } of run) units.push([...this.#render(html).childNodes]);
      i = j;
    }
    return units;
  }

  #split(html: string): Node[][] {
    const units: Node[][] = [[]];
    for (const node of [...this.#render(html).childNodes]) {
      const text = node.nodeType === 3 ? (node as Text).data : '';
      if (!text.includes(SEPARATOR)) {
        units.at(-1)!.push(node);
        continue;
      }
      text.split(SEPARATOR).forEach((part, index) => {
        if (index > 0) units.push([]);
        if (part) units.at(-1)!.push(document.createTextNode(part));
      });
    }
    return units;
  }
}
