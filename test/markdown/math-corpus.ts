// Documents with math and diagrams for the math tokenizer and <token-view> tests, and hostile
// inputs for KaTeX and Mermaid. `leak(name)` is a URL on another origin that counts requests.

/** Documents with every math delimiter form, prices, math in containers and in code. */
export const mathDocuments = [
  'Einstein wrote $E=mc^2$, and \\(a^2 + b^2 = c^2\\) holds.\n\nDisplay:\n\n$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n$$\n\nand\n\n\\[\n\\sum_{n=1}^\\infty \\frac{1}{n^2} = \\frac{\\pi^2}{6}\n\\]\n\nThe end.',
  'It costs $5 and $10, or US$ 20; the formula $x_1 + x_2$ is not a price.\n\nA paragraph with $$e^{i\\pi} + 1 = 0$$ in its middle.',
  '- a list with $\\alpha$\n- and $$\\beta$$\n  - nested \\(\\gamma\\)\n\n> quoted $\\delta$\n>\n> $$\n> \\epsilon\n> $$\n\n| x | $x^2$ |\n| - | ----- |\n| 2 | $4$ |',
  'Code is not math: `$x$` and\n\n```tex\n$$\\frac{a}{b}$$\n```\n\nbut this is: $\\frac{a}{b}$. Escaped: \\$5 and \\$x\\$.',
  '**Bold $x$** and *emphasis around \\(y\\)*, a [link with $z$](https://example.com).\n\n$$\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}$$\n\nAfter.',
  'A bad formula $\\frac{1$ and an unclosed $x^2 + y at the end',
];

/** Documents with finished and broken Mermaid blocks next to math and code. */
export const diagramDocuments = [
  'A flow:\n\n```mermaid\ngraph TD\n  A[Start] --> B{Is it $5?}\n  B -->|yes| C[Done]\n  B -->|no| A\n```\n\nwith $x^2$ after it.',
  '```mermaid\nsequenceDiagram\n  Alice->>Bob: Hello\n  Bob-->>Alice: Hi\n```\n\n```mermaid\ngraph TD\n  A --> \n```\n\n```js\nconst notADiagram = true;\n```',
];

/** KaTeX inputs that try to link, fetch, run script, add attributes or never finish. */
export function hostileMath(leak: (name: string) => string): string[] {
  return [
    '$\\href{javascript:pwned(1)}{click me}$',
    `$\\href{${leak('katex-href')}}{remote}$`,
    '$\\url{javascript:pwned(2)}$',
    `$\\url{${leak('katex-url')}}$`,
    `$\\includegraphics[height=1em]{${leak('katex-graphics')}}$`,
    '$\\htmlClass{evil}{x}$ and $\\htmlId{evil}{y}$',
    '$\\htmlData{onclick=pwned(3), foo=bar}{x}$',
    `$\\htmlStyle{background:url(${leak('katex-style')})}{x}$`,
    `$\\color{url(${leak('katex-color')})}{x}$ and $\\colorbox{red;background:url(${leak('katex-colorbox')})}{y}$`,
    '$\\text{<img src=x onerror=pwned(4)>}$',
    '$</span><img src=x onerror=pwned(5)>$',
    '$$\n</div><script>pwned(6)</script>\n$$',
    '$\\def\\a{\\a\\a}\\a$',
    '$$\\gdef\\b#1{#1#1}\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{x}}}}}}}}}}}}}}}}$$',
    '$\\rule{100000em}{100000em}$',
    '$\\unicode{60}script\\unicode{62}$ and $\\char"3C$',
  ];
}

/** Mermaid inputs that try callbacks, links, lower the security level or inject HTML/CSS. */
export function hostileDiagrams(leak: (name: string) => string): string[] {
  const block = (source: string) => '```mermaid\n' + source + '\n```';
  return [
    block('graph TD\n  A[Click] --> B\n  click A callback "pwned"\n  click B call pwned(7)'),
    block(
      'graph TD\n  A --> B\n  click A "javascript:pwned(8)"\n  click B href "javascript:pwned(9)"',
    ),
    block(`graph TD\n  A --> B\n  click A "${leak('mermaid-click')}" _blank`),
    block(
      '%%{init: {"securityLevel": "loose", "htmlLabels": true, "flowchart": {"htmlLabels": true}}}%%\ngraph TD\n  A["<img src=x onerror=pwned(10)>"] --> B["<script>pwned(11)</script>"]',
    ),
    block(
      `---\nconfig:\n  securityLevel: loose\n  themeCSS: "* { background: url(${leak('mermaid-theme-css')}) }"\n---\ngraph TD\n  A --> B`,
    ),
    block(
      `%%{init: {"themeVariables": {"primaryColor": "url(${leak('mermaid-theme-var')})"}}}%%\ngraph TD\n  A --> B`,
    ),
    block(
      `graph TD\n  A --> B\n  style A fill:url(${leak('mermaid-style')})\n  classDef evil background:url(${leak('mermaid-classdef')})\n  class B evil`,
    ),
    block(
      'graph TD\n  A["<a href=javascript:pwned(12)>link</a>"] --> B["<iframe src=javascript:pwned(13)>"]',
    ),
    block(
      'sequenceDiagram\n  Alice->>Bob: <img src=x onerror=pwned(14)>\n  link Alice: Evil @ javascript:pwned(15)',
    ),
  ];
}
