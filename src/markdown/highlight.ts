// The default code highlighter. Only `<token-view>` loads it, through a dynamic import() once
// the first code block appears, so in the embed it is a sibling chunk with its own size budget.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

// The languages LLM answers use most; the rest would not fit the chunk's 30 KB budget.
const languages = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  markdown,
  python,
  rust,
  shell,
  sql,
  typescript,
  xml,
  yaml,
};
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

/**
 * Colours for the `hljs-*` classes, adopted by a `<token-view>` when it first highlights. Mixed
 * with the text colour, so one set reads on light and dark themes.
 */
export const theme = new CSSStyleSheet();
theme.replaceSync(`
.hljs-comment,.hljs-quote{color:color-mix(in srgb,#6a737d 60%,currentColor);font-style:italic}
.hljs-keyword,.hljs-selector-tag,.hljs-literal,.hljs-meta,.hljs-deletion{color:color-mix(in srgb,#d73a49 65%,currentColor)}
.hljs-string,.hljs-regexp,.hljs-addition{color:color-mix(in srgb,#22863a 65%,currentColor)}
.hljs-number,.hljs-built_in,.hljs-attr,.hljs-variable,.hljs-type{color:color-mix(in srgb,#005cc5 65%,currentColor)}
.hljs-title,.hljs-section,.hljs-name{color:color-mix(in srgb,#6f42c1 65%,currentColor)}`);

/** Highlights `code` as HTML with `hljs-*` classes; code in an unknown language stays as it is. */
export function highlight(code: string, lang: string): string | undefined {
  if (hljs.getLanguage(lang))
    return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  return undefined;
}
