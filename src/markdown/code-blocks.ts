// What a code block does besides showing its code: copying and highlighting. `<token-view>`
// loads this module with import() the first time one of them is needed.
import type { Highlighter } from '../components/token-view/token-view.js';
import type { TokenViewStrings } from '../components/token-view/token-view.strings.js';

/** Copies the source of the code block that `button` heads, and says how it went in `status`. */
export async function copy(
  button: HTMLButtonElement,
  status: Element,
  strings: TokenViewStrings,
): Promise<void> {
  const code = button.parentElement?.nextElementSibling?.textContent ?? '';
  let message = strings.copied;
  try {
    await navigator.clipboard.writeText(code.replace(/\n$/, ''));
  } catch {
    message = strings.copyFailed;
  }
  status.textContent = button.textContent = message;
  setTimeout(() => {
    status.textContent = '';
    button.textContent = strings.copy;
  }, 2000);
}

/**
 * The highlighted HTML of the `code` element, from `highlighter` or else from the default one
 * (highlight.js, loaded on demand, whose colours are then adopted by `root`).
 */
export async function highlight(
  code: Element,
  highlighter: Highlighter | undefined,
  root: ShadowRoot,
): Promise<string | undefined> {
  const source = code.textContent ?? '';
  const lang = /language-(\S+)/.exec(code.className)?.[1] ?? '';
  // Out of the animation frame: a long block must not delay the frame that finished it.
  await new Promise((resolve) => setTimeout(resolve));
  if (!highlighter) {
    const { highlight, theme } = await import('./highlight.js');
    if (!root.adoptedStyleSheets.includes(theme)) root.adoptedStyleSheets.push(theme);
    highlighter = highlight;
  }
  try {
    return await highlighter(source, lang);
  } catch (error) {
    // The block stays as it is, readable; a highlighter that throws on every block says so once.
    if (!failed.has(highlighter)) {
      failed.add(highlighter);
      console.warn(
        'stream-chat-elements: the highlighter threw; code is left unhighlighted:',
        error,
      );
    }
    return undefined;
  }
}

/** Highlighters that threw, and have been reported. */
const failed = new WeakSet<Highlighter>();
