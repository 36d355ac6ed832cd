// The sanitiser of <token-view>: the browser's own HTML Sanitizer API (`Element.setHTML`) where
// it exists, DOMPurify, loaded on demand as a chunk of its own, where it does not. Both apply the
// same policy: the elements and attributes below, http(s)/mailto/tel/relative URLs only, and
// links that open in a new tab without a referrer. Both hand back inert nodes (of a document
// without a browsing context), so the element decides about images before they can load.
import type { Config, DOMPurify as Purifier } from 'dompurify';

type Policy = NonNullable<Config['TRUSTED_TYPES_POLICY']>;
interface TrustedTypesGlobal {
  trustedTypes?: { createPolicy(name: string, rules: Record<string, unknown>): Policy };
}

/** Elements Markdown renders to; everything else from the model (script, style, iframe, object,
 * embed, forms and their controls, meta, base, link, template, svg, math, …) is dropped. */
const TAGS =
  'a abbr b blockquote br code dd del details div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre s span strong sub summary sup table tbody td tfoot th thead tr u ul'.split(
    ' ',
  );
/** No style, srcset, ping, poster, formaction or event handlers. */
const ATTRIBUTES =
  'align alt class colspan dir height href lang open role rowspan src start title width'.split(' ');
/**
 * Dropped with their content (DOMPurify's FORBID_CONTENTS, and svg and math); other elements
 * outside `TAGS` are replaced by their content, as DOMPurify does.
 */
const DROPPED_WITH_CONTENT =
  'audio colgroup head iframe noembed noframes noscript plaintext script selectedcontent style template title video xmp'.split(
    ' ',
  );
const FOREIGN = [
  { name: 'svg', namespace: 'http://www.w3.org/2000/svg' },
  { name: 'math', namespace: 'http://www.w3.org/1998/Math/MathML' },
];
const SAFE_PROTOCOL = /^(?:https?|mailto|tel):$/;
const URL_ATTRIBUTES = ['href', 'src'];

/**
 * True when `url` is http(s), mailto, tel or relative, judged the way the browser will resolve
 * the attribute's final value (entities already decoded, tabs and newlines inside schemes
 * removed by the URL parser).
 */
export function isSafeUrl(url: string): boolean {
  try {
    return SAFE_PROTOCOL.test(new URL(url, document.baseURI).protocol);
  } catch {
    return false;
  }
}

/** The URL and link policy, applied after either sanitiser. */
function checkUrls(node: Element): void {
  for (const name of URL_ATTRIBUTES) {
    const value = node.getAttribute(name);
    if (value !== null && !isSafeUrl(value)) node.removeAttribute(name);
  }
  if (node.localName === 'a' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
}

/** The HTML Sanitizer API, not yet in TypeScript's DOM types. */
interface SanitizerGlobal {
  Sanitizer?: new (config: Record<string, unknown>) => object;
}
interface SettableElement {
  setHTML?(html: string, options: { sanitizer: object }): void;
}
const Platform = (globalThis as SanitizerGlobal).Sanitizer;
const platform =
  typeof Platform === 'function' &&
  typeof (Element.prototype as SettableElement).setHTML === 'function';
let fallback = !platform;
let purify: Purifier | undefined;
let loading: Promise<void> | undefined;

/** Loads what `sanitize` needs: nothing where the platform sanitises, DOMPurify elsewhere. */
export function sanitizerReady(): Promise<void> {
  if (!fallback) return Promise.resolve();
  return (loading ??= import('dompurify').then(
    (module) => void (purify = create(module.default)),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}

/**
 * For tests: `true` makes `sanitize` use DOMPurify even where the platform has a sanitiser,
 * `false` goes back to the platform's where there is one.
 */
export async function useFallbackSanitizer(force: boolean): Promise<void> {
  fallback = force || !platform;
  await sanitizerReady();
}

/** Which sanitiser `sanitize` uses now. */
export const sanitizerInUse = (): 'platform' | 'dompurify' => (fallback ? 'dompurify' : 'platform');

/** Sanitises untrusted HTML (model output, highlighter output) into inert nodes. */
export function sanitize(html: string): DocumentFragment {
  return fallback ? purified(html) : platformSanitized(html);
}

let inert: Document | undefined;
let config: object | undefined;
/** Elements outside the allowed ones, as one selector. */
const OTHERS = `:not(${TAGS.join(',')})`;

function platformSanitized(html: string): DocumentFragment {
  inert ??= document.implementation.createHTMLDocument('');
  config ??= new Platform!({
    removeElements: [...DROPPED_WITH_CONTENT, ...FOREIGN],
    attributes: ATTRIBUTES,
    comments: false,
    dataAttributes: false,
  });
  const holder = inert.createElement('div') as HTMLDivElement & Required<SettableElement>;
  // setHTML always removes what could run script (its "safe" baseline); the configuration
  // narrows that to what Markdown needs.
  holder.setHTML(html, { sanitizer: config });
  for (const other of holder.querySelectorAll(OTHERS)) other.replaceWith(...other.childNodes);
  for (const node of holder.querySelectorAll('[href],[src]')) checkUrls(node);
  const fragment = inert.createDocumentFragment();
  fragment.append(...holder.childNodes);
  return fragment;
}

function purified(html: string): DocumentFragment {
  // DOMPurify returns null when the markup leaves no body to sanitise (a `<frameset>`).
  return (purify!.sanitize(html) as unknown as DocumentFragment | null) ?? new DocumentFragment();
}

/**
 * The one Trusted Types policy of the kit: it only ever hands model output to DOMPurify's inert
 * parser, and sanitised nodes are moved into the page as nodes, never as an HTML string.
 */
function policy(): Policy | undefined {
  try {
    return (globalThis as TrustedTypesGlobal).trustedTypes?.createPolicy('stream-chat-elements', {
      createHTML: (html: string) => html,
      createScriptURL: () => {
        throw new TypeError('no script URLs');
      },
    });
  } catch {
    // Policy name not allowed by the page's CSP: DOMPurify falls back to its own policy.
    return undefined;
  }
}

function create(DOMPurify: typeof import('dompurify').default): Purifier {
  const instance = DOMPurify(window);
  instance.setConfig({
    // `body` is the root DOMPurify walks: disallowed, it would be hoisted out by cloning it all.
    ALLOWED_TAGS: ['body', ...TAGS],
    ALLOWED_ATTR: ATTRIBUTES,
    ALLOW_DATA_ATTR: false,
    // Its checks guard markup that is serialised and parsed again (as XML); these nodes go
    // into the page as nodes, never as a string. Dropping them halves the sanitiser's time.
    SAFE_FOR_XML: false,
    // Dropped with their content: hoisting an SVG <script> out trips Trusted Types.
    ADD_FORBID_CONTENTS: ['svg', 'math'],
    RETURN_DOM_FRAGMENT: true,
    TRUSTED_TYPES_POLICY: policy(),
  });
  // After DOMPurify's own URI check: the final attribute value, as the URL parser reads it.
  instance.addHook('afterSanitizeAttributes', checkUrls);
  return instance;
}
