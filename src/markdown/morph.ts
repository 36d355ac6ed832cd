function sameAttributes(a: Element, b: Element): boolean {
  if (a.attributes.length !== b.attributes.length) return false;
  for (const { name, value } of a.attributes) if (b.getAttribute(name) !== value) return false;
  return true;
}

/**
 * Makes the children of `parent` from `start` on equal to `next`, keeping every existing node
 * that still fits: same element with the same attributes (then its children are morphed), or
 * a text node, which grows by `appendData` when only text was appended. So a growing paragraph
 * or code block keeps its nodes, and a selection in it survives. Unfitting nodes are replaced by
 * the new ones, which are moved out of wherever they were.
 */
export function morph(parent: Node, start: ChildNode | null, next: readonly Node[]): void {
  let old = start;
  for (const node of next) {
    if (
      old?.nodeName === node.nodeName &&
      (node.nodeType !== 1 || sameAttributes(old as Element, node as Element))
    ) {
      if (node.nodeType === 1) morph(old, old.firstChild, [...node.childNodes]);
      else {
        const text = old as CharacterData;
        const [was, now] = [text.data, (node as CharacterData).data];
        if (now !== was && now.startsWith(was)) text.appendData(now.slice(was.length));
        else if (now !== was) text.data = now;
      }
      old = old.nextSibling;
    } else {
      parent.insertBefore(node, old);
      old?.remove();
      old = node.nextSibling;
    }
  }
  while (old) {
    const after: ChildNode | null = old.nextSibling;
    old.remove();
    old = after;
  }
}
