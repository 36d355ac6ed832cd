// The part of `<token-view>` that turns math placeholders into typeset formulas and finished
// Mermaid code blocks into diagrams. Small on purpose, as it sits in the embed's main file:
// KaTeX (math-render.ts) and diagrams (diagrams.ts, then Mermaid in diagram-render.ts) are
// chunks of their own, fetched the first time a formula or a diagram appears, never before.
import { css } from 'lit';
import type { TokenViewStrings } from '../components/token-view/token-view.strings.js';

type MathModule = typeof import('./math-render.js');

/** A module loaded with import() once, the first time it is needed (again after a failure). */
const lazy = <T>(load: () => Promise<T>) => {
  let module: Promise<T> | undefined;
  return () =>
    (module ??= load().catch((error: unknown) => {
      module = undefined;
      throw error;
    }));
};
/** The placeholders math.ts renders, holding TeX to typeset. */
const FORMULAS = '.math-inline, .math-display';
const mathModule = lazy(() => import('./math-render.js'));
const diagramModule = lazy(() => import('./diagrams.js'));

/** A formula still being typed, and display math. */
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
`;

export interface RichContentHost {
  root(): ShadowRoot;
  /** Waits for `job` in `updateComplete`. */
  track(job: Promise<unknown>): void;
  strings(): TokenViewStrings;
}

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
    const placeholders = nodes.querySelectorAll(FORMULAS);
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
        for (const placeholder of root.querySelectorAll(FORMULAS)) {
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

  /** Draws the finished ```mermaid block holding `code` as a diagram (see diagrams.ts). */
  drawDiagram(code: Element): void {
    code.classList.add('highlighted');
    const host = this.#host;
    host.track(
      diagramModule().then((module) => module.drawDiagram(code, host.root(), host.strings())),
    );
  }

  /** Switches a diagram's code block between the diagram and its source. */
  toggle(button: HTMLButtonElement): void {
    void diagramModule().then((module) => module.toggle(button));
  }
}
