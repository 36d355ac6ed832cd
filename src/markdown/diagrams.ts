// What a finished ```mermaid code block becomes: a diagram, with the code block kept behind
// a toggle. `<token-view>` loads this module with import() when the first one is finished;
// it loads Mermaid (diagram-render.ts, a large chunk) in turn.
import { css } from 'lit';
import type { TokenViewStrings } from '../components/token-view/token-view.strings.js';

const styles = css`
  [part='diagram'] {
    overflow-x: auto;
    padding: 0.75em 1em;
    text-align: center;
  }
  [part='diagram'] svg {
    max-width: 100%;
    height: auto;
  }
  [part='diagram-toggle'] {
    margin: 0 0.4em 0 auto;
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
`.styleSheet!;

let sources = 0;

/**
 * Draws the finished code block holding `code` as a diagram. The code block stays, so its copy
 * button still copies the source, hidden behind a toggle; a source Mermaid cannot draw keeps
 * the code block on show with a short note. Never throws.
 */
export async function drawDiagram(
  code: Element,
  root: ShadowRoot,
  strings: TokenViewStrings,
): Promise<void> {
  const block = code.closest('[part="code-block"]');
  const pre = code.parentElement;
  if (!block || !pre) return;
  if (!root.adoptedStyleSheets.includes(styles)) root.adoptedStyleSheets.push(styles);
  const source = code.textContent ?? '';
  const changed = () => !block.isConnected || code.textContent !== source;
  try {
    const { renderDiagram } = await import('./diagram-render.js');
    const diagram = await renderDiagram(source, { dark: isDark(block) });
    if (changed()) return;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, diagram.styles];
    pre.id ||= `sce-diagram-source-${(sources += 1)}`;
    const figure = document.createElement('div');
    figure.setAttribute('part', 'diagram');
    figure.setAttribute('role', 'img');
    figure.setAttribute('aria-label', strings.diagram.replace('{type}', diagram.type));
    // The source is the diagram's accessible description (read even while it is hidden).
    figure.setAttribute('aria-describedby', pre.id);
    figure.append(diagram.svg);
    const toggle = document.createElement('button');
    toggle.setAttribute('part', 'diagram-toggle');
    toggle.setAttribute('aria-pressed', 'false');
    toggle.textContent = strings.showSource;
    block.querySelector('[part="copy-button"]')?.before(toggle);
    pre.hidden = true;
    pre.after(figure);
  } catch (error) {
    if (changed()) return;
    const note = document.createElement('small');
    note.setAttribute('part', 'diagram-note');
    note.textContent = strings.diagramFailed;
    note.title = error instanceof Error ? error.message.slice(0, 300) : String(error);
    pre.after(note);
  }
}

/** Switches the code block of a diagram toggle between its diagram and its source. */
export function toggle(button: Element): void {
  const block = button.closest('[part="code-block"]');
  const pre = block?.querySelector('pre');
  const figure = block?.querySelector<HTMLElement>('[part="diagram"]');
  if (!pre || !figure) return;
  const showSource = pre.hidden;
  pre.hidden = !showSource;
  figure.hidden = showSource;
  button.setAttribute('aria-pressed', String(showSource));
}

/** True when the text around `element` is light, that is, when it sits on a dark theme. */
function isDark(element: Element): boolean {
  const [r = 0, g = 0, b = 0] = (getComputedStyle(element).color.match(/[\d.]+/g) ?? []).map(
    Number,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 128;
}
