// The part of `<token-view>` that turns math placeholders into typeset formulas and finished
// Mermaid code blocks into diagrams. Small on purpose: KaTeX (math-render.ts) and Mermaid
// (diagram-render.ts) are chunks of their own, fetched the first time a formula or a diagram
// appears, never before.
import { css } from 'lit';
import type { TokenViewStrings } from '../components/token-view/token-view.strings.js';

type MathModule = typeof import('./math-render.js');
type DiagramModule = typeof import('./diagram-render.js');

/** A module loaded with import() once, the first time it is needed (again after a failure). */
const lazy = <T>(load: () => Promise<T>) => {
  let module: Promise<T> | undefined;
  return () =>
    (module ??= load().catch((error: unknown) => {
      module = undefined;
      throw error;
    }));
};
const mathModule = lazy(() => import('./math-render.js'));
const diagramModule = lazy(() => import('./diagram-render.js'));

/** A formula still being typed, typeset formulas, and diagrams with their toggle and note. */
export const richContentStyles = css`
  .math-pending {
    opacity: 0.65;
    font-family: var(--sce-font-family-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
    font-size: 0.9em;
    white-space: pre-wrap;
  }
  div.math-pending {
    margin: 1em 0;
  }
  .math-display {
    display: block;
    overflow-x: auto;
    overflow-y: hidden;
  }
  [part='diagram'] {
    overflow-x: auto;
    padding: 0.75em 1em;
    text-align: center;
  }
  [part='diagram'] svg {
    max-width: 100%;
    height: auto;
  }
  [part='diagram-note'] {
    display: block;
    padding: 0 1em 0.75em;
    font-size: 0.85em;
    opacity: 0.8;
  }
  [part='code-block'] [hidden] {
    display: none;
  }
`;

export interface RichContentHost {
  root(): ShadowRoot;
  /** Waits for `job` in `updateComplete`. */
  track(job: Promise<unknown>): void;
  strings(): TokenViewStrings;
}

let diagrams = 0;

/** Math and diagrams for one `<token-view>`. */
export class RichContent {
  readonly #host: RichContentHost;
  /** Set once KaTeX is loaded and its styles are adopted by this view: typesetting is then synchronous. */
  #math: MathModule | undefined;
  #mathLoading = false;

  constructor(host: RichContentHost) {
    this.#host = host;
  }

  /**
   * Typesets the math placeholders in `nodes` (freshly sanitised, about to be morphed in): at
   * once when KaTeX is here, so a tail rendered again each frame keeps equal nodes; otherwise
   * KaTeX is fetched and then typesets every placeholder of the view.
   */
  typeset(nodes: ParentNode): void {
    const placeholders = nodes.querySelectorAll('.math');
    if (placeholders.length === 0) return;
    const math = this.#math;
    if (math) {
      for (const placeholder of placeholders) math.renderMath(placeholder);
      return;
    }
    if (this.#mathLoading) return;
    this.#mathLoading = true;
    const root = this.#host.root();
    const job = mathModule()
      .then(async (module) => {
        await module.adoptMathStyles(root);
        this.#math = module;
        for (const placeholder of root.querySelectorAll('.math')) {
          module.renderMath(placeholder);
        }
      })
      .catch((error: unknown) => {
        // The formulas stay as their TeX source; the next one tries again.
        console.warn('stream-chat-elements: math typesetting failed to load', error);
      })
      .finally(() => (this.#mathLoading = false));
    this.#host.track(job);
  }

  /**
   * Draws the finished code block holding `code` (a ```mermaid block) as a diagram; the code
   * block stays (copy still copies the source) behind a toggle, and a source Mermaid cannot
   * draw keeps it on show with a short note.
   */
  drawDiagram(code: Element): void {
    const block = code.closest('[part="code-block"]');
    const pre = code.parentElement;
    if (!block || !pre) return;
    code.classList.add('highlighted');
    const source = code.textContent ?? '';
    const strings = this.#host.strings();
    const dark = isDark(block);
    const job = diagramModule()
      .then((module) => module.renderDiagram(source, { dark }))
      .then(({ svg, styles, type }) => {
        if (!block.isConnected || code.textContent !== source) return;
        const root = this.#host.root();
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles];
        pre.id ||= `sce-diagram-source-${(diagrams += 1)}`;
        const figure = document.createElement('div');
        figure.setAttribute('part', 'diagram');
        figure.setAttribute('role', 'img');
        figure.setAttribute('aria-label', strings.diagram.replace('{type}', type));
        // The source is the diagram's accessible description (read even while it is hidden).
        figure.setAttribute('aria-describedby', pre.id);
        figure.append(svg);
        const toggle = document.createElement('button');
        toggle.setAttribute('part', 'diagram-toggle');
        toggle.setAttribute('aria-pressed', 'false');
        toggle.textContent = strings.showSource;
        block.querySelector('[part="copy-button"]')?.before(toggle);
        pre.hidden = true;
        pre.after(figure);
      })
      .catch((error: unknown) => {
        if (!block.isConnected || code.textContent !== source) return;
        const note = document.createElement('small');
        note.setAttribute('part', 'diagram-note');
        note.textContent = strings.diagramFailed;
        note.title = error instanceof Error ? error.message.slice(0, 300) : String(error);
        pre.after(note);
      });
    this.#host.track(job);
  }

  /** Switches the code block of a diagram toggle between its diagram and its source. */
  toggle(button: HTMLButtonElement): void {
    const block = button.closest('[part="code-block"]');
    const pre = block?.querySelector('pre');
    const figure = block?.querySelector<HTMLElement>('[part="diagram"]');
    if (!pre || !figure) return;
    const showSource = pre.hidden;
    pre.hidden = !showSource;
    figure.hidden = showSource;
    button.setAttribute('aria-pressed', String(showSource));
  }
}

/** True when the text around `element` is light, that is, when it sits on a dark theme. */
function isDark(element: Element): boolean {
  const [r = 0, g = 0, b = 0] = (getComputedStyle(element).color.match(/[\d.]+/g) ?? []).map(
    Number,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 128;
}
