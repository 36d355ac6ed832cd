// Typesets the math placeholders of math.ts with KaTeX. `<token-view>` loads this module with
// import() when the first formula appears, so in the embed it is a sibling chunk with its own
// size budget; KaTeX's stylesheet and fonts are sibling files fetched with it.
import DOMPurify from 'dompurify';
import katex, { type KatexOptions } from 'katex';

/**
 * Where KaTeX's `katex.min.css` and its `fonts/` are, relative to this module: the builds
 * copy them next to the embed (see vite.config.ts); from source they are KaTeX's own files.
 */
declare const __SCE_KATEX_DIR__: string | undefined;
const KATEX_DIR =
  typeof __SCE_KATEX_DIR__ === 'string' ? __SCE_KATEX_DIR__ : '../../node_modules/katex/dist/';

/**
 * Model output is untrusted: no `\href`, `\url`, `\includegraphics`, `\html*` (`trust`), a
 * bad formula shows as its source (`throwOnError`), macro expansion and sizes are bounded
 * (`\def` bombs, `\rule{1e9em}`), and MathML rides along for screen readers.
 */
const OPTIONS: KatexOptions = {
  output: 'htmlAndMathml',
  trust: false,
  throwOnError: false,
  strict: 'ignore',
  maxExpand: 500,
  maxSize: 50,
  errorColor: 'currentColor',
};

/** The elements and attributes KaTeX builds (HTML spans, MathML, the SVG of wide accents). */
const TAGS =
  'span math semantics annotation mrow mi mn mo ms mspace mtext msub msup msubsup munder mover munderover mfrac msqrt mroot mstyle mpadded mphantom mtable mtr mtd mlabeledtr menclose merror svg path line';
const ATTRIBUTES =
  'class style title aria-hidden xmlns mathvariant display displaystyle scriptlevel encoding stretchy fence separator lspace rspace width height depth voffset columnalign rowalign columnspacing rowspacing columnlines rowlines frame framespacing accent accentunder minsize maxsize movablelimits symmetric largeop linethickness notation mathcolor mathbackground d viewbox preserveaspectratio x1 x2 y1 y2 stroke-width';

const purify = DOMPurify(window);
purify.addHook('uponSanitizeAttribute', (_node, data) => {
  // KaTeX's own styles are sizes and colours; nothing may fetch (url(), image-set(), @import).
  if (data.attrName === 'style' && /url\(|image|@/i.test(data.attrValue)) data.keepAttr = false;
});
const PROFILE = {
  ALLOWED_TAGS: TAGS.split(' '),
  ALLOWED_ATTR: ATTRIBUTES.split(' '),
  ADD_URI_SAFE_ATTR: ATTRIBUTES.split(' '),
  ALLOW_DATA_ATTR: false,
  IN_PLACE: true,
  // Nothing is parsed from a string here: no Trusted Types policy is needed.
  TRUSTED_TYPES_POLICY: null,
};

interface DomTreeNode {
  attributes?: Record<string, string>;
  children?: DomTreeNode[];
  toNode(): Node;
}
const renderToDomTree = (
  katex as unknown as {
    __renderToDomTree(tex: string, options: KatexOptions): DomTreeNode;
  }
).__renderToDomTree;

/** Marks an element whose style KaTeX set as an attribute (which a strict CSP blocks). */
const STYLE = 'data-sce-style';

/** Moves `style` attributes of KaTeX's tree into a marker attribute, applied through CSSOM. */
function moveStyles(node: DomTreeNode): void {
  const style = node.attributes?.style;
  if (style !== undefined) {
    node.attributes![STYLE] = style;
    delete node.attributes!.style;
  }
  for (const child of node.children ?? []) moveStyles(child);
}

/**
 * KaTeX's DOM for `tex`. Built with `document.createElement`, never parsed from a string; its
 * styles are set through CSSOM (which a `style-src 'self'` policy allows, unlike `style`
 * attributes), then everything outside the KaTeX profile is removed.
 */
function typeset(tex: string, display: boolean): Element {
  const tree = renderToDomTree(tex, { ...OPTIONS, displayMode: display });
  moveStyles(tree);
  const root = tree.toNode() as Element;
  for (const element of [root, ...root.querySelectorAll(`[${STYLE}]`)]) {
    const declarations = element.getAttribute(STYLE);
    if (declarations === null) continue;
    element.removeAttribute(STYLE);
    for (const declaration of declarations.split(';')) {
      const colon = declaration.indexOf(':');
      if (colon > 0) {
        (element as HTMLElement).style.setProperty(
          declaration.slice(0, colon).trim(),
          declaration.slice(colon + 1).trim(),
        );
      }
    }
  }
  purify.sanitize(root, PROFILE);
  return root;
}

/** Typeset formulas by display mode and TeX: a tail re-rendered each frame reuses them. */
const cache = new Map<string, Element>();
const CACHE_SIZE = 500;

/**
 * Replaces the TeX source inside a math placeholder with its typeset form; a formula KaTeX
 * cannot parse shows as its source, marked as an error. Idempotent.
 */
export function renderMath(placeholder: Element): void {
  if (placeholder.firstElementChild) return;
  const tex = placeholder.textContent ?? '';
  const display = placeholder.classList.contains('math-display');
  const key = `${display ? 'D' : 'I'}${tex}`;
  let typeset_ = cache.get(key);
  if (!typeset_) {
    typeset_ = typeset(tex, display);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, typeset_);
  }
  placeholder.replaceChildren(typeset_.cloneNode(true));
}

const base = new URL(KATEX_DIR, import.meta.url);
/** KaTeX's rules, for shadow roots, and its @font-face rules, for the document. */
const sheets = fetch(new URL('katex.min.css', base))
  .then((response) => {
    if (!response.ok) throw new Error(`KaTeX stylesheet: HTTP ${response.status}`);
    return response.text();
  })
  .then((css) => {
    // Fonts relative to the stylesheet; only WOFF2 (every browser the kit supports reads it).
    const absolute = css
      .replace(/,url\([^)]*\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '')
      .replace(/url\((fonts\/[^)]+)\)/g, (_, path: string) => `url(${new URL(path, base).href})`)
      .replace(/font-display:block/g, 'font-display:swap');
    const faces = absolute.match(/@font-face\{[^}]*\}/g) ?? [];
    const fonts = new CSSStyleSheet();
    fonts.replaceSync(faces.join(''));
    const rules = new CSSStyleSheet();
    rules.replaceSync(absolute.replace(/@font-face\{[^}]*\}/g, ''));
    return { fonts, rules };
  });

/** Without KaTeX's stylesheet, the browser's own MathML rendering is shown alone. */
const fallback = sheets.then(
  () => undefined,
  (error: unknown) => {
    console.warn('stream-chat-elements: KaTeX stylesheet failed to load; showing MathML', error);
    const mathmlOnly = new CSSStyleSheet();
    mathmlOnly.replaceSync('.katex-html{display:none}');
    return { fonts: new CSSStyleSheet(), rules: mathmlOnly };
  },
);

/**
 * Resolves once KaTeX's styles apply in `root`: its rules adopted by the shadow root, its
 * fonts by the document (@font-face rules do not work inside a shadow root).
 */
export async function adoptMathStyles(root: ShadowRoot): Promise<void> {
  const { fonts, rules } = (await fallback) ?? (await sheets);
  if (!document.adoptedStyleSheets.includes(fonts)) document.adoptedStyleSheets.push(fonts);
  if (!root.adoptedStyleSheets.includes(rules)) root.adoptedStyleSheets.push(rules);
}
