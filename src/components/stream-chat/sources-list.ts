import { html, nothing } from 'lit';
import { isSafeUrl } from '../../markdown/sanitize.js';
import type { Source } from '../../transports/transport.js';
import type { ToolStrings } from './tool-cards.strings.js';

/** A link's text when the source has no title: its host (or the URL itself). */
function label({ url, title }: Source): string {
  if (title) return title;
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * The sources an answer cites, as a numbered list of links under it. URLs follow the policy of
 * links in answers (http, https, mailto, tel and relative only; a new tab, no referrer, no
 * opener, nofollow); a source without a safe URL is listed as text.
 */
export function sourcesList(
  sources: readonly Source[] | undefined,
  s: Pick<ToolStrings, 'sources'>,
) {
  if (!sources?.length) return nothing;
  return html`<nav part="sources" aria-label=${s.sources}>
    <ol>
      ${sources.map(
        (source) =>
          html`<li part="source">
            ${
              source.url && isSafeUrl(source.url)
                ? html`<a
                    part="source-link"
                    href=${source.url}
                    target="_blank"
                    rel="noopener noreferrer nofollow"
                    >${label(source)}</a
                  >`
                : label(source)
            }
          </li>`,
      )}
    </ol>
  </nav>`;
}
