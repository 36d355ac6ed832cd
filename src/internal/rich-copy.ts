/**
 * Puts `text` on the clipboard as `text/plain` and, where the Clipboard API can write more than
 * text, `html` as `text/html` too. Rejects when the clipboard refuses even the plain text.
 */
export async function copyRich(text: string, html: string): Promise<void> {
  const clipboard = navigator.clipboard;
  if (typeof ClipboardItem === 'function' && typeof clipboard.write === 'function') {
    try {
      await clipboard.write([
        new ClipboardItem({
          'text/plain': new Blob([text], { type: 'text/plain' }),
          'text/html': new Blob([html], { type: 'text/html' }),
        }),
      ]);
      return;
    } catch {
      // Some browsers allow text only (or no ClipboardItem with HTML): fall back to it.
    }
  }
  await clipboard.writeText(text);
}

/** The HTML of a rendered answer for the clipboard: without its buttons and live regions. */
export function clipboardHtml(content: Element | null | undefined): string {
  if (!content) return '';
  const copy = content.cloneNode(true) as Element;
  copy.querySelectorAll('button, [part~="code-header"], [role="status"]').forEach((node) => {
    node.remove();
  });
  return copy.innerHTML;
}
