function sameAttributes(a: Element, b: Element): boolean {
  if (a.attributes.length !== b.attributes.length) return false;
  for (const { name, value } of a.attributes) if (b.getAttribute(name) !== value) return false;
  return true;
}

/**
 * Changes the text of `node` to `next` by replacing only the part between their common start
 * and common end, so a selection or caret outside that part stays where it is.
 */
function retext(node: CharacterData, next: string): void {
  const was = node.data;
  if (was === next) return;
  let start = 0;
  const shorter = Math.min(was.length, next.length);
  while (start < shorter && was.charCodeAt(start) === next.charCodeAt(start)) start += 1;
  let end = 0;
  while (
    end < shorter - start &&
    was.charCodeAt(was.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  ) {
    end += 1;
  }
  if (start === was.length) node.appendData(next.slice(start));
  else node.replaceData(start, was.length - start - end, next.slice(start, next.length - end));
}

/** How far ahead a node that does not fit is looked for among the new nodes. */
const LOOKAHEAD = 8;

/** True when the element `old` fits one of the few new nodes after `next[index]`. */
function fitsLater(old: ChildNode | null, next: readonly Node[], index: number): boolean {
  if (old?.nodeType !== 1) return false;
  for (const node of next.slice(index + 1, index + 1 + LOOKAHEAD)) {
    if (node.nodeName === old.nodeName && sameAttributes(old as Element, node as Element))
      return true;
  }
  return false;
}

/**
 * Makes the children of `parent` from `start` up to `end` (by default: to the last child)
 * equal to `next`, keeping every existing node that still fits: same element with the same
 * attributes (then its children are morphed), or a text node, whose data changes only where
 * it differs (a growing paragraph or code block only appends). So a growing block keeps its
 * nodes, and a selection in it survives. Unfitting nodes are replaced by the new ones, which
 * are moved out of wherever they were. Returns the nodes now in place of `next`.
 *
 * `keep(old, node)` may say that an existing element stands for `node` as it is (a code
 * block that was highlighted since): it is then left alone.
 */
export function morph(
  parent: Node,
  start: ChildNode | null,
  next: readonly Node[],
  end: ChildNode | null = null,
  keep?: (old: Element, node: Element) => boolean,
): ChildNode[] {
  const result: ChildNode[] = [];
  let old = start === end ? null : start;
  for (const [index, node] of next.entries()) {
    const same = old !== null && old.nodeName === node.nodeName;
    if (same && node.nodeType !== 1) retext(old as CharacterData, (node as CharacterData).data);
    else if (same && keep?.(old as Element, node as Element)) {
      // Left as it is.
    } else if (same && sameAttributes(old as Element, node as Element)) {
      morph(old!, old!.firstChild, [...node.childNodes], null, keep);
    } else {
      parent.insertBefore(node, old ?? end);
      // Something was inserted before `old` (a link that a late definition resolved): keep it
      // for the new node it matches a little further on.
      if (!fitsLater(old, next, index)) old?.remove();
      else {
        result.push(node as ChildNode);
        continue;
      }
      old = node as ChildNode;
    }
    result.push(old!);
    old = old!.nextSibling === end ? null : old!.nextSibling;
  }
  while (old !== null) {
    const after: ChildNode | null = old.nextSibling;
    old.remove();
    old = after === end ? null : after;
  }
  return result;
}
