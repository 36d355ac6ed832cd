/**
 * Registers `ctor` under `tag` once. Registering the same class again is a no-op; a different
 * class under a taken tag is reported and left alone, so double-loaded bundles never throw.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, ctor);
  } else if (existing !== ctor) {
    console.warn(`stream-chat-elements: <${tag}> is already defined by another class; skipped.`);
  }
}
