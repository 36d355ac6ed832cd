import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';

type Policy = NonNullable<Config['TRUSTED_TYPES_POLICY']>;
interface TrustedTypesGlobal {
  trustedTypes?: { createPolicy(name: string, rules: Record<string, unknown>): Policy };
}

/** Elements Markdown renders to; everything else from the model (script, style, iframe, object,
 * embed, forms and their controls, meta, base, link, template, svg, math, …) is dropped. */
const TAGS =
  'a abbr b blockquote br code dd del details div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre s span strong sub summary sup table tbody td tfoot th thead tr u ul';
/** No style, srcset, ping, poster, formaction or event handlers; aria-* attributes stay too. */
const ATTRIBUTES =
  'align alt class colspan dir height href lang open role rowspan src start title width';
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

let purify: Purifier | undefined;

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

function create(): Purifier {
  const instance = DOMPurify(window);
  instance.setConfig({
    // `body` is the root DOMPurify walks: disallowed, it would be hoisted out by cloning it all.
    ALLOWED_TAGS: ['body', ...TAGS.split(' ')],
    ALLOWED_ATTR: ATTRIBUTES.split(' '),
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
  instance.addHook('afterSanitizeAttributes', (node) => {
    for (const name of URL_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value !== null && !isSafeUrl(value)) node.removeAttribute(name);
    }
    if (node.localName === 'a' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  return instance;
}

/** Sanitises untrusted HTML (model output, highlighter output) into inert nodes. */
export function sanitize(html: string): DocumentFragment {
  purify ??= create();
  // DOMPurify returns null when the markup leaves no body to sanitise (a `<frameset>`).
  return (purify.sanitize(html) as unknown as DocumentFragment | null) ?? new DocumentFragment();
}
