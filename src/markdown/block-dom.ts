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

export class BlockDom {
  readonly #root: Element;
  readonly #render: RenderHtml;
  readonly #keep: Keep | undefined;
  /** The top-level nodes of each finished block, in order. */
  #blocks: ChildNode[][] = [];
  /** The top-level nodes of the unfinished tail, after the finished blocks. */
  #tail: ChildNode[] = [];
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
