// Test corpora for <token-view>: documents whose streaming is tricky, and hostile inputs.

/**
 * Documents that exercise block freezing and tail repair: setext headings, lists that continue
 * after blank lines, loose lists, reference definitions after their use, raw HTML blocks that
 * span blank lines, tables, fences in lists, emphasis, links and images split anywhere.
 */
export const tricky: string[] = [
  'Some **bold** text, *emphasis*, ***both***, ~~struck~~, `code` and ``co`de``.\n\nNext paragraph with **bold at the end**',
  'Title\n=====\n\nSubtitle\n--------\n\nText\nmore text\n---\n\n***\n\nEnd.',
  '- one\n- two\n\n- three (the list is now loose)\n\n  indented continuation\n- four\n\nAfter the list.',
  '1. first\n2. second\n\n3. third\n\n10) other delimiter\n\n* star\n+ plus\n- dash\n\nend',
  '- level 1\n  - level 2\n    - level 3 with `code`\n  - back to 2\n- back to 1\n\n  ```js\n  const inList = true;\n  ```\n- after fence',
  'Use [the docs][docs] or [Docs] and [missing].\n\nMore text.\n\n[docs]: https://example.com/docs "The docs"\n\nFinal [docs] use.',
  '<div class="note">\n\n**Markdown inside HTML**\n\n</div>\n\n<!-- a comment\n\nwith a blank line -->\n\n<details><summary>More</summary>\n\nHidden *text*.\n\n</details>',
  '| Name | Value | Note |\n| :--- | ---: | :---: |\n| a | 1 | **x** |\n| b | 2 | `y` |\nlazy row\n\nAfter the table.\n\n| single |\n| --- |\n| cell |',
  'Paragraph then fence:\n```python\ndef f(x):\n    return x ** 2  # not *emphasis*\n```\nand text right after.\n\n~~~\ntilde fence\n~~~\n\n````md\n```\nnested fence\n```\n````',
  '> quote line one\n> quote **bold**\nlazy continuation\n\n> second quote\n>\n> > nested quote\n\nafter quotes',
  'Links: [inline](https://example.com/a_b?c=d&e=f "Title"), [with (parens)](https://example.com/p(1)), <https://example.com/autolink>, and an image ![alt text](/mock/markdown/pixel?id=tricky-same "t").',
  'Escapes: \\*not em\\*, \\`not code\\`, \\[not link\\](x), 5 \\* 3 = 15, snake_case_name, 2 * 3 * 4, a * b * c.',
  '    indented code\n    second line\n\n    after blank inside code\n\nparagraph\n    lazy, not code\n\n  - list with code:\n\n        indented in list',
  'Entities: &amp; &lt;tag&gt; &copy; &#169; &#xA9; AT&T. HTML inline: <b>bold</b>, <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>.',
  '中文段落：**加粗**和*斜体*，还有`代码`。\n\n- 列表一\n- 列表二\n\n| 列 | 值 |\n| --- | --- |\n| 甲 | 一 |\n\nEmoji 😀👍🏽 and combining é (e\u0301).',
  '- [ ] task to do\n- [x] task done\n- [ ] another *task*\n\nTrailing paragraph.',
  'Hard break at line end  \nnext line\\\nand another.\n\nSoft\nbreak.',
  '# H1\n## H2 with `code`\n### H3 with [link](https://example.com)\n#### H4\n##### H5\n###### H6\n####### not a heading',
  'A paragraph\n# interrupting heading\n> interrupting quote\n- interrupting list\n1. ordered interrupts\n2. too\n\n2. a list starting at 2\n3. continues',
  'Text\n<div>\nhtml block that interrupts\n</div>\n\n<span>inline html starting a paragraph</span> and more.\n\n<custom-tag>custom</custom-tag>',
  'Line with trailing spaces   \n\n\n\nMany blank lines above.\n\n\n- list\n\n\n- after two blank lines',
  'Setext after list:\n\n- item\n\nHeading\n===\n\nPara\n\n---\n\nThematic break above.',
  "[ref1]: https://example.com/one\n[ref2]: <https://example.com/two> 'Two'\n\nUses [ref1] and [text][ref2] and ![img][ref1].",
  'Footnote-like [^1] text and [brackets] that are [not links].\n\n[^1]: not supported by core marked',
];

/** `tricky` again with Windows line endings and a byte order mark: the result must not change. */
export const trickyCrlf = tricky.slice(0, 8).map((doc) => '\uFEFF' + doc.replace(/\n/g, '\r\n'));

/**
 * Hostile inputs: script execution, dangerous links, remote fetches, mXSS. `leak(name)` is a
 * URL on another origin that counts its requests; `same(name)` is one on this page's origin.
 */
export function hostile(leak: (name: string) => string): string[] {
  const js = ['javascript:pwned(1)', 'JaVaScRiPt:pwned(2)', ' javascript:pwned(3)'];
  const encoded = [
    'jav&#x09;ascript:pwned(4)',
    'jav&#9;ascript:pwned(5)',
    '&#106;avascript:pwned(6)',
    '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;pwned(7)',
    'java\nscript:pwned(8)',
    'javascript&colon;pwned(9)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5wd25lZCgxMCk8L3NjcmlwdD4=',
    'data:text/html,<script>pwned(11)</script>',
    'file:///etc/passwd',
    'livescript:pwned(12)',
  ];
  const html = [
    '<script>pwned(20)</script>',
    '<script src="' + leak('script') + '"></script>',
    '<img src=x onerror=pwned(21)>',
    '<img src="' + leak('img-onerror') + '" onerror="pwned(22)">',
    '<svg onload=pwned(23)><circle r=1 /></svg>',
    '<svg><script>pwned(24)</script></svg>',
    '<svg><a xlink:href="javascript:pwned(25)"><text y="10">x</text></a></svg>',
    '<svg><animate attributeName="href" values="javascript:pwned(26)" /></svg>',
    '<svg><image href="' + leak('svg-image') + '" /></svg>',
    '<svg><use href="' + leak('svg-use') + '#x" /></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=pwned(27)></style></mglyph></table></mtext></math>',
    '<math href="javascript:pwned(28)"><mi>x</mi></math>',
    '<iframe src="javascript:pwned(29)"></iframe>',
    '<iframe srcdoc="<script>parent.pwned(30)</script>"></iframe>',
    '<iframe src="' + leak('iframe') + '"></iframe>',
    '<object data="' + leak('object') + '"></object>',
    '<embed src="' + leak('embed') + '">',
    '<body onload=pwned(31)>',
    '<details open ontoggle=pwned(32)><summary>x</summary></details>',
    '<video><source onerror=pwned(33)></video>',
    '<video src="' + leak('video') + '" poster="' + leak('poster') + '"></video>',
    '<audio src="' + leak('audio') + '" onerror=pwned(34)></audio>',
    '<picture><source srcset="' + leak('picture') + '"><img alt="p"></picture>',
    '<img srcset="' + leak('srcset') + ' 1x" alt="s">',
    '<input autofocus onfocus=pwned(35)>',
    '<input type="image" src="' + leak('input-image') + '">',
    '<select autofocus onfocus=pwned(36)><option>x</option></select>',
    '<textarea autofocus onfocus=pwned(37)>x</textarea>',
    '<form action="' + leak('form') + '"><button>go</button></form>',
    '<button formaction="javascript:pwned(38)">x</button>',
    '<marquee onstart=pwned(39)>x</marquee>',
    '<div onmouseover="pwned(40)" style="position:fixed;inset:0">cover</div>',
    '<div style="background:url(' + leak('style-attr') + ')">styled</div>',
    '<style>@import "' +
      leak('style-import') +
      '"; *{background:url(' +
      leak('style-url') +
      ')}</style>',
    '<link rel="stylesheet" href="' + leak('link-css') + '">',
    '<link rel="prefetch" href="' + leak('link-prefetch') + '">',
    '<meta http-equiv="refresh" content="0;url=javascript:pwned(41)">',
    '<meta http-equiv="refresh" content="0;url=' + leak('meta') + '">',
    '<base href="javascript:pwned(42)//">',
    '<base href="' + leak('base') + '/">',
    '<table background="' + leak('table-bg') + '"><tr><td>t</td></tr></table>',
    '<a ping="' + leak('ping') + '" href="https://example.com/">ping</a>',
    '<a href="https://example.com/" target="_self" rel="opener">opener</a>',
    '<template><img src=x onerror=pwned(43)></template>',
    '<noscript><p title="</noscript><img src=x onerror=pwned(44)>"></noscript>',
    '<frameset onload=pwned(45)><frame src="' + leak('frame') + '"></frameset>',
    '<portal src="' + leak('portal') + '"></portal>',
    '<isindex action="javascript:pwned(46)" type=image>',
    '<x onclick=pwned(47)>custom</x>',
    '<slot name="x"></slot><p slot="x">slotted</p>',
    '<a href="#" onclick="pwned(48)">click</a>',
    '<img src="x" onload="pwned(49)" alt="load">',
    '<p id="__proto__" name="alert">clobber</p><form name="getElementById"></form>',
    '<div data-x="1" class="code-block" part="copy-button">fake part</div>',
    '<![CDATA[<img src=x onerror=pwned(50)>]]>',
    '<!--<img src=x onerror=pwned(51)>-->',
    '<p>unclosed <img src=x onerror=pwned(52)',
    '<scr<script>ipt>pwned(53)</scr</script>ipt>',
    '<a href="&#1;javascript:pwned(54)">ctrl</a>',
    '<img src="' + leak('plain-img') + '" alt="plain">',
  ];
  const markdown = [
    ...[...js, ...encoded].map((url) => `[click](${url}) and [angle](<${url}>)`),
    ...js.map((url) => `![img](${url})`),
    `![remote](${leak('md-image')})`,
    `![remote with title](${leak('md-image-title')} "title")`,
    `![ref image][r]\n\n[r]: ${leak('md-ref-image')}`,
    `[ref link][bad]\n\n[bad]: javascript:pwned(60)`,
    `<javascript:pwned(61)>`,
    `**<img src=x onerror=pwned(62)>** and _<svg onload=pwned(63)>_`,
    `| a | b |\n| - | - |\n| <img src=x onerror=pwned(64)> | [x](javascript:pwned(65)) |`,
    `- item <script>pwned(66)</script>\n- ![li](${leak('md-list-image')})`,
    `> quote <iframe src="${leak('md-quote-iframe')}"></iframe>`,
    '# Heading <img src=x onerror=pwned(67)>',
    '`<img src=x onerror=pwned(68)>` stays code',
    '```html\n<script>pwned(69)</script>\n```',
    `[![nested](${leak('md-nested')})](javascript:pwned(70))`,
    `[x](https://example.com "title\\" onmouseover=pwned(71) x=\\"")`,
    `Bare ${leak('md-bare')} URL and www.example.com`,
    `[x](https://example.com/%22%3E%3Cimg%20src=x%20onerror=pwned(72)%3E)`,
    `<a href="${leak('a-href')}">a link is not a request</a>`,
    '[a](javascript://%0apwned(73))',
    '[b](javascript:/**/pwned(74))',
    `<img src="${leak('img-upper')}" ALT=u>`,
    '<IMG SRC=x ONERROR=pwned(75)>',
    '<img src=x onerror=&#112;&#119;&#110;&#101;&#100;&#40;&#55;&#54;&#41;>',
    '<a href="javascript&#x3a;pwned(77)">entity colon</a>',
  ];
  return [...html, ...markdown];
}
