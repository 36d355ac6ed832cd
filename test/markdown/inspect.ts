// What may exist in a <token-view>'s rendered content: anything else came from the model and
// got past the sanitiser. Shared by the hostile-corpus test and the CSP / Trusted Types page.

const TAGS = new Set(
  'a abbr b blockquote br code dd del details div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre s span strong sub summary sup table tbody td tfoot th thead tr u ul'.split(
    ' ',
  ),
);
const ATTRIBUTES = new Set(
  'align alt class colspan dir height href lang open role rowspan src start title width'.split(' '),
);
/** Elements the element itself adds, each marked with its part. */
const OWN = new Map([
  ['code-block', 'div'],
  ['code-header', 'div'],
  ['code-language', 'span'],
  ['copy-button', 'button'],
  ['image-button', 'button'],
]);
const OWN_ATTRIBUTES = new Set(['part', 'aria-label', 'title', 'value']);
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** Every way the rendered `root` breaks the policy; empty when it is clean. */
export function policyBreaches(root: ParentNode): string[] {
  const breaches: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    const tag = element.localName;
    const part = element.getAttribute('part');
    const own = part !== null && OWN.get(part) === tag;
    if (!own && !TAGS.has(tag)) breaches.push(`element <${tag}>`);
    for (const { name, value } of element.attributes) {
      const allowed =
        ATTRIBUTES.has(name) ||
        name.startsWith('aria-') ||
        (tag === 'a' && (name === 'target' || name === 'rel')) ||
        (tag === 'img' && name === 'referrerpolicy') ||
        (own && OWN_ATTRIBUTES.has(name));
      if (!allowed) breaches.push(`attribute ${name} on <${tag}>`);
      if (name === 'href' || name === 'src') {
        const url = new URL(value, document.baseURI);
        if (!SAFE_PROTOCOLS.has(url.protocol)) breaches.push(`${name}=${value}`);
        if (name === 'src' && url.origin !== location.origin) breaches.push(`remote src ${value}`);
      }
    }
    if (tag === 'a' && element.hasAttribute('href')) {
      if (element.getAttribute('target') !== '_blank') breaches.push('link without target=_blank');
      if (element.getAttribute('rel') !== 'noopener noreferrer nofollow') breaches.push('link rel');
    }
  }
  return breaches;
}
