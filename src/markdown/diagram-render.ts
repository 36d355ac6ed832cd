// Draws Mermaid diagrams. `<token-view>` loads this module with import() when the first
// finished ```mermaid block appears; Mermaid is large, so it is never fetched before that.
import DOMPurify from 'dompurify';
import mermaid, { type MermaidConfig } from 'mermaid';

/**
 * Model output is untrusted: `securityLevel: 'strict'` (labels are text, `click` callbacks and
 * links are off), labels drawn as SVG text (no `foreignObject` HTML), and no directive
 * (`%%{init}%%` or front matter) may change these keys or inject CSS.
 */
const CONFIG: MermaidConfig = {
  startOnLoad: false,
  securityLevel: 'strict',
  suppressErrorRendering: true,
  htmlLabels: false,
  deterministicIds: true,
  maxTextSize: 20_000,
  maxEdges: 500,
  fontFamily: 'inherit',
  secure: [
    'secure',
    'securityLevel',
    'startOnLoad',
    'maxTextSize',
    'maxEdges',
    'suppressErrorRendering',
    'htmlLabels',
    'dompurifyConfig',
    'themeCSS',
    'themeVariables',
    'fontFamily',
    'altFontFamily',
    'theme',
    'darkMode',
    'arrowMarkerAbsolute',
    'legacyMathML',
    'forceLegacyMathML',
  ],
};

const purify = DOMPurify(window);
/** A CSS value or attribute that could fetch: only same-document references `url(#id)` stay. */
const FETCHES = /url\(\s*(?!['"]?#)|image-set\(|@import/i;
purify.addHook('uponSanitizeAttribute', (_node, data) => {
  const name = data.attrName;
  if (name.endsWith('href') && !data.attrValue.startsWith('#')) data.keepAttr = false;
  else if (FETCHES.test(data.attrValue)) data.keepAttr = false;
});
const PROFILE = {
  USE_PROFILES: { svg: true, svgFilters: true },
  ADD_ATTR: ['id', 'class', 'data-sce-style', 'dominant-baseline', 'text-anchor'],
  FORBID_TAGS: [
    'foreignObject',
    'script',
    'style',
    'a',
    'image',
    'feImage',
    'use',
    'animate',
    'set',
  ],
  RETURN_DOM_FRAGMENT: true,
  // Parses no model text as HTML under Trusted Types (Mermaid itself would not run there).
  TRUSTED_TYPES_POLICY: null,
};
const STYLE = 'data-sce-style';

/** A diagram Mermaid drew: the sanitised SVG, its stylesheet and Mermaid's diagram type. */
export interface Diagram {
  svg: SVGSVGElement;
  styles: CSSStyleSheet;
  type: string;
}

let queue: Promise<unknown> = Promise.resolve();
let count = 0;

/**
 * Draws `source` as an SVG element with the light or the dark theme. Throws Mermaid's error
 * when the source does not parse or cannot be drawn.
 */
export function renderDiagram(source: string, { dark }: { dark: boolean }): Promise<Diagram> {
  // One at a time: Mermaid's configuration is global.
  const job = queue.then(async () => {
    mermaid.initialize({ ...CONFIG, theme: dark ? 'dark' : 'default', darkMode: dark });
    await mermaid.parse(source);
    const id = `sce-mermaid-${(count += 1)}`;
    try {
      const { svg, diagramType } = await mermaid.render(id, source);
      return { ...sanitizeSvg(svg, id), type: diagramType };
    } finally {
      // Mermaid draws in a temporary element of the page; a failed draw may leave it there.
      for (const temporary of [id, `d${id}`, `i${id}`])
        document.getElementById(temporary)?.remove();
    }
  });
  queue = job.catch(() => undefined);
  return job;
}

/**
 * Mermaid's SVG markup as inert, sanitised nodes. Its `<style>` element and `style`
 * attributes, which a strict CSP would block, become CSSOM: a stylesheet adopted with the
 * diagram and declarations set one by one; anything that would fetch is dropped.
 */
function sanitizeSvg(markup: string, id: string): Omit<Diagram, 'type'> {
  const css: string[] = [];
  const withoutStyles = markup
    .replace(/<style[^>]*>([\s\S]*?)<\/style>/g, (_, rules: string) => {
      css.push(rules);
      return '';
    })
    .replace(/<[^>]+>/g, (tag) => tag.replace(/\sstyle="/g, ` ${STYLE}="`));
  const fragment = purify.sanitize(withoutStyles, PROFILE) as unknown as DocumentFragment;
  const inert = fragment.querySelector('svg');
  if (!inert) throw new Error('Mermaid drew no SVG');
  // Styles are set on this document's nodes, through CSSOM.
  const svg = document.importNode(inert, true);
  for (const element of [svg, ...svg.querySelectorAll(`[${STYLE}]`)]) {
    const declarations = element.getAttribute(STYLE);
    if (declarations === null) continue;
    element.removeAttribute(STYLE);
    for (const declaration of declarations.split(';')) {
      const colon = declaration.indexOf(':');
      const value = declaration.slice(colon + 1).trim();
      if (colon > 0 && !FETCHES.test(value)) {
        (element as SVGElement).style.setProperty(declaration.slice(0, colon).trim(), value);
      }
    }
  }
  svg.id = id;
  svg.setAttribute('aria-hidden', 'true');
  svg.removeAttribute('role');
  const styles = new CSSStyleSheet();
  styles.replaceSync(css.join('\n'));
  dropFetches(styles);
  return { svg, styles };
}

/** Removes every rule that could fetch (`@import`, `@font-face`, `url()` values). */
function dropFetches(sheet: CSSStyleSheet): void {
  for (let i = sheet.cssRules.length - 1; i >= 0; i -= 1) {
    const rule = sheet.cssRules[i]!;
    if (!(rule instanceof CSSStyleRule) || FETCHES.test(rule.cssText)) sheet.deleteRule(i);
  }
}
