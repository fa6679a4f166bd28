import { parseDocument } from 'htmlparser2';
import serialize from 'dom-serializer';
import { detectLanguage, htmlToText, makeExcerpt, textStats } from '../../src/content/body';
import { renderBody } from '../../src/content/body/render';
import { htmlOfBody, splitBody } from '../../src/content/body/portable';
import type { RenderedBody } from '../../src/content/parsed-post';

const NO_IFRAMES = { iframeHosts: [] as string[], markdownTypographer: true };
const VIDEO_HOSTS = { ...NO_IFRAMES, iframeHosts: ['player.example-video.com', 'embed.example.org'] };

function render(source: string, options = NO_IFRAMES): RenderedBody {
  return renderBody(source, options);
}

function flatText(html: string): string {
  return htmlToText(html).replace(/\s+/g, ' ').trim();
}

function imageSources(html: string): string[] {
  return [...html.matchAll(/<img\b[^>]*\bsrc="([^"]*)"/g)].map((match) => match[1]);
}

/** A fragment is well-formed when parsing and serialising it changes nothing. */
function expectWellFormed(html: string): void {
  expect(serialize(parseDocument(html), { encodeEntities: 'utf8' })).toBe(html);
}

function expectReassembles(body: RenderedBody): void {
  const pieces = [...(body.lead ? [body.lead.html] : []), ...body.sections.map((s) => s.html)];
  pieces.forEach(expectWellFormed);
  expect(pieces.map(flatText).join(' ').trim()).toBe(flatText(body.html));
  expect(pieces.flatMap(imageSources)).toEqual(imageSources(body.html));
}

/** Every attribute name in the output, for checks that no event handler survived. */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  const visit = (nodes: ReturnType<typeof parseDocument>['children']): void => {
    for (const node of nodes) {
      if ('attribs' in node) names.push(...Object.keys(node.attribs));
      if ('children' in node) visit(node.children);
    }
  };
  visit(parseDocument(html).children);
  return names;
}

/** The shape of the real posts: one wrapper div, h3 subheads inside, whitespace-only lines. */
const WRAPPED_BODY = [
  '<div>   ',
  '<p>Opening paragraph about the harbour.</p>',
  '<p>Second opening paragraph.</p>',
  '<h3>Why the harbour?</h3>',
  '<p>Because ships need water.</p>',
  '<h3>Who pays?</h3>',
  '<p>The city, mostly.</p>',
  '<p>And some private partners.</p>',
  '<h3>When does it open?</h3>',
  '<p>Next spring.</p>',
  '<h3>What about the fish?</h3>',
  '<p>They moved next door.</p>',
  '<h3>Is it safe?</h3>',
  '<p>Inspectors say yes.</p>',
  '<h3>What comes next?</h3>',
  '<p>A second pier.</p>',
  '  ',
  '</div>',
  '            ',
  '',
].join('\n');

describe('markdown rendering', () => {
  it('renders markdown with raw HTML, no linkify, Hexo-style line breaks', () => {
    const body = render('# Title\n\nSome *stress* here https://example.com\nnext line\n\n<div><p>raw</p></div>\n');
    expect(body.html).toContain('<h1 id="title">Title</h1>');
    expect(body.html).toContain('<em>stress</em>');
    expect(body.html).toContain('here https://example.com<br>');
    expect(body.html).not.toContain('<a ');
    expect(body.html).toContain('<div><p>raw</p></div>');
  });

  it("makes Hexo's curly quotes, dashes and ellipses in markdown text", () => {
    const body = render(`"Quoted" and 'single', it's done -- mostly --- wait...\n`);
    expect(htmlToText(body.html)).toBe('“Quoted” and ‘single’, it’s done – mostly — wait…');
  });

  it('leaves raw HTML, code spans and code blocks as written', () => {
    const source = `<div title="a 'b'">"raw" -- as is...</div>\n\nText with \`"code" --\` in it\n\n\`\`\`\nit's "fenced" --\n\`\`\`\n`;
    const { html } = render(source);
    expect(html).toContain(`<div title="a 'b'">"raw" -- as is...</div>`);
    expect(html).toContain('<code>"code" --</code>');
    expect(html).toContain(`it's "fenced" --`);
  });

  it('keeps straight quotes and plain dashes with the typographer off', () => {
    const body = render(`"Quoted" and 'single', it's done -- mostly --- wait...\n`, { ...NO_IFRAMES, markdownTypographer: false });
    expect(htmlToText(body.html)).toBe(`"Quoted" and 'single', it's done -- mostly --- wait...`);
  });

  it('renders a plain-text body of several lines as lines, not one run-on line', () => {
    const body = render('First line of news.\nSecond line.\nThird line.\n');
    expect(htmlToText(body.html)).toBe('First line of news.\nSecond line.\nThird line.');
  });

  it('keeps a <br>-only body readable', () => {
    const body = render('<div>   \n<br>Alpha paragraph.<br>\n<br>Beta paragraph.<br>\n</div>\n');
    expect(htmlToText(body.html)).toBe('Alpha paragraph.\n\nBeta paragraph.');
  });

  it('keeps every image when long runs of blank lines separate them, and makes no code block', () => {
    const blank = '\n'.repeat(12);
    const body = render(
      `<div>   \n<img src="https://img.example.com/1.png" alt="page">${blank}<img src="https://img.example.com/2.png" alt="page">${blank}   \n<img src="https://img.example.com/3.png">  \n</div>\n`,
    );
    expect(body.images.map((image) => image.src)).toEqual([
      'https://img.example.com/1.png',
      'https://img.example.com/2.png',
      'https://img.example.com/3.png',
    ]);
    expect(body.html).not.toContain('<pre');
    expect(body.html).not.toContain('&lt;img');
  });

  it('renders <p data-vmark> one-liners as paragraphs without the data attributes', () => {
    const body = render('<div>   \n<p data-vmark="a1">One.</p><p data-vmark="b2"><span class="accent">Two.</span> Three.</p>\n</div>\n');
    expect(body.html).toContain('<p>One.</p><p><span>Two.</span> Three.</p>');
    expect(htmlToText(body.html)).toBe('One.\nTwo. Three.');
  });

  it('shows escaped HTML inside <pre><code> as text', () => {
    const body = render('<pre><code class="language-html">&lt;div class="x"&gt;&#123;&#123;sum&#125;&#125;&lt;/div&gt;\n</code></pre>\n');
    expect(body.html).toContain('<pre><code class="language-html">&lt;div class="x"&gt;{{sum}}&lt;/div&gt;');
    expect(htmlToText(body.html)).toBe('<div class="x">{{sum}}</div>\n');
  });

  it('keeps <figure> and <figcaption>', () => {
    const body = render('<figure><img src="https://img.example.com/a.jpg" alt="A boat"><figcaption>A boat.</figcaption></figure>\n');
    expect(body.html).toBe('<figure><img src="https://img.example.com/a.jpg" alt="A boat"><figcaption>A boat.</figcaption></figure>\n');
    expect(body.images).toEqual([{ src: 'https://img.example.com/a.jpg', alt: 'A boat' }]);
  });

  it('renders an empty body as nothing', () => {
    const body = render('');
    expect(body).toMatchObject({ html: '', lead: null, sections: [], moreExcerpt: null, images: [], language: null });
    expect({ ...body.stats }).toEqual({ wordCount: 0, characterCount: 0, readingTimeMinutes: 0 });
  });

  it('renders the wrapped shape of the real posts without turning anything into code', () => {
    const body = render(WRAPPED_BODY);
    expect(body.html).not.toContain('<pre');
    expect(body.html).not.toContain('&lt;');
  });
});

describe('sanitising', () => {
  it('drops <script> and <style> with their content', () => {
    const body = render('<p>a</p><script>alert("x")</script><style>p&#123;color:red&#125;</style><p>b</p>\n');
    expect(body.html).toBe('<p>a</p><p>b</p>\n');
  });

  it('drops every event handler', () => {
    const body = render(
      '<img src="https://img.example.com/x.png" onerror="alert(1)" onload="alert(2)">' +
        '<p onclick="alert(3)" onmouseover="alert(4)">text</p><a href="https://example.com" onfocus="alert(5)">l</a>\n',
    );
    expect(attributeNames(body.html).filter((name) => name.startsWith('on'))).toEqual([]);
    expect(body.html).toContain('<p>text</p>');
  });

  it.each([
    ['plain', 'javascript:alert(1)'],
    ['upper case', 'JaVaScRiPt:alert(1)'],
    ['leading whitespace', '  \n javascript:alert(1)'],
    ['entity-encoded letter', '&#106;avascript:alert(1)'],
    ['hex entity tab inside', 'jav&#x09;ascript:alert(1)'],
    ['newline inside', 'java\nscript:alert(1)'],
    ['named entity colon', 'javascript&colon;alert(1)'],
    ['leading control character', '&#x01;javascript:alert(1)'],
    ['control character inside', 'java&#x01;script:alert(1)'],
    ['vbscript', 'vbscript:msgbox(1)'],
    ['data URL', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ])('removes a dangerous link href (%s)', (_name, href) => {
    const body = render(`<a href="${href}">click</a>\n`);
    expect(body.html).toBe('<p><a>click</a></p>\n');
  });

  it('does not turn markdown links with dangerous schemes into links', () => {
    const body = render('[click](javascript:alert(1)) and [x](vbscript:y)\n');
    expect(body.html).not.toMatch(/href/);
  });

  it('drops svg and math with their content, and the classic namespace-confusion payloads', () => {
    const body = render(
      [
        '<svg onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)">x</a></svg>',
        '<math><mtext><table><mglyph><style><img src=x onerror=alert(4)></style></mglyph></table></mtext></math>',
        '<noscript><p title="</noscript><img src=x onerror=alert(5)>">n</p></noscript>',
        '<p>after</p>',
        '',
      ].join('\n'),
    );
    expect(body.html).not.toMatch(/svg|math|script|onerror|onload|javascript|alert/i);
    expect(body.html).toContain('<p>after</p>');
  });

  it('removes forms, embeds, base, meta refresh, link and comments', () => {
    const body = render(
      '<form action="https://evil.example"><input name="q"><button>go</button></form>' +
        '<object data="x.swf"></object><embed src="x.swf"><base href="https://evil.example/">' +
        '<meta http-equiv="refresh" content="0;url=https://evil.example"><link rel="stylesheet" href="x.css">' +
        '<!-- hidden note --><p>kept</p>\n',
    );
    expect(body.html).toBe('go<p>kept</p>\n');
  });

  it('drops style, class and data attributes outside the allow-list', () => {
    const body = render(
      '<div class="wrap" style="background:url(javascript:alert(1))" data-x="1"><span style="color:red">t</span></div>\n',
    );
    expect(body.html).toBe('<div><span>t</span></div>\n');
  });

  it('flattens absurdly deep nesting instead of overflowing the stack', () => {
    const depth = 20000;
    const body = render(`${'<div>'.repeat(depth)}deep<h3>T</h3>text${'</div>'.repeat(depth)}\n`);
    // Tags past the limit are gone, so their text runs together; none of it is lost.
    expect(htmlToText(body.html)).toBe('deepTtext');
    expect(body.html.match(/<div>/g)?.length).toBeLessThanOrEqual(100);
    expectWellFormed(body.html);
  });

  it('keeps the allowed formatting, tables, images, links, code classes and heading ids', () => {
    const source = [
      '<h2 id="intro">Intro</h2>',
      '<p><strong>b</strong> <em>i</em> <del>d</del> <sub>2</sub> <sup>3</sup> <code>c</code> <a href="https://example.com/x" title="T">l</a></p>',
      '<table><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan="2">v</td></tr></tbody></table>',
      '<img src="https://img.example.com/p.png" alt="P" title="Pic" width="10" height="20" loading="lazy">',
      '<pre class="highlight"><code class="language-js">let x = 1;</code></pre>',
      '',
    ].join('\n');
    const body = render(source);
    expect(body.html).toContain('<h2 id="intro">Intro</h2>');
    expect(body.html).toContain(
      '<strong>b</strong> <em>i</em> <del>d</del> <sub>2</sub> <sup>3</sup> <code>c</code> <a href="https://example.com/x" title="T">l</a>',
    );
    expect(body.html).toContain('<table><thead><tr><th>h</th></tr></thead><tbody><tr><td colspan="2">v</td></tr></tbody></table>');
    expect(body.html).toContain('<img src="https://img.example.com/p.png" alt="P" title="Pic" width="10" height="20">');
    expect(body.html).toContain('<pre class="highlight"><code class="language-js">let x = 1;</code></pre>');
  });

  it('keeps referrerpolicy on images, which hot-linked images in the posts need', () => {
    const body = render('<img src="https://img.example.com/a.jpg" referrerpolicy="no-referrer">\n');
    expect(body.html).toContain('referrerpolicy="no-referrer"');
  });

  it('adds rel="noopener noreferrer" to links that open a new browsing context', () => {
    const body = render(
      '<a href="https://a.example" target="_blank">a</a> <a href="https://b.example" target="_BLANK" rel="nofollow">b</a> ' +
        '<a href="https://c.example" target="_self">c</a> <a href="https://d.example">d</a>\n',
    );
    expect(body.html).toContain('<a href="https://a.example" target="_blank" rel="noopener noreferrer">a</a>');
    expect(body.html).toContain('<a href="https://b.example" target="_BLANK" rel="nofollow noopener noreferrer">b</a>');
    expect(body.html).toContain('<a href="https://c.example" target="_self">c</a>');
    expect(body.html).toContain('<a href="https://d.example">d</a>');
  });

  it('keeps raster data: images and drops SVG and non-image data: URLs', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const body = render(
      `<img src="${png}" alt="dot"><img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="svg">` +
        '<img src="data:text/html,<script>alert(1)</script>" alt="html"><img alt="no source">\n',
    );
    expect(body.images).toEqual([{ src: png, alt: 'dot' }]);
  });

  describe('iframes', () => {
    const frame = (src: string): string =>
      `<iframe src="${src}" width="640" height="360" allowfullscreen srcdoc="<script>x</script>" onload="x()">fallback</iframe>\n`;

    it('keeps an iframe from an allowed host or its subdomain, with safe attributes only and empty', () => {
      const body = render(frame('https://player.example-video.com/v?id=1&amp;hq=1'), VIDEO_HOSTS);
      expect(body.html).toBe(
        '<iframe src="https://player.example-video.com/v?id=1&amp;hq=1" width="640" height="360" allowfullscreen></iframe>\n',
      );
      expect(render(frame('//www.embed.example.org/v/2'), VIDEO_HOSTS).html).toContain('<iframe src="//www.embed.example.org/v/2"');
    });

    it.each([
      ['another host', 'https://evil.example/v'],
      ['a host that only ends like an allowed one', 'https://notembed.example.org/v'],
      ['an allowed host as a subdomain of another', 'https://embed.example.org.evil.example/v'],
      ['a parent of an allowed host', 'https://example-video.com/v'],
      ['a relative URL', '/local/player'],
      ['a javascript: URL', 'javascript://player.example-video.com/%0Aalert(1)'],
      ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ])('removes an iframe from %s, content included', (_name, src) => {
      expect(render(frame(src), VIDEO_HOSTS).html).toBe('\n');
    });

    it('removes every iframe when the host list is empty', () => {
      expect(render(frame('https://player.example-video.com/v'), NO_IFRAMES).html).toBe('\n');
    });
  });
});

describe('entities', () => {
  it('decodes numeric entities in text and attributes, without double-encoding', () => {
    const body = render('<p>a&#123;b&#125; &amp;lt; &copy;</p><img src="https://img.example.com/m.png" alt="f(x) = &#123;1, 2&#125;">\n');
    expect(body.html).toBe('<p>a{b} &amp;lt; ©</p><img src="https://img.example.com/m.png" alt="f(x) = {1, 2}">\n');
    expect(htmlToText(body.html)).toBe('a{b} &lt; ©');
    expect(body.images).toEqual([{ src: 'https://img.example.com/m.png', alt: 'f(x) = {1, 2}' }]);
  });

  it('decodes entities written in markdown text', () => {
    expect(render('Set &#123; x &#125; &amp; more\n').html).toBe('<p>Set { x } &amp; more</p>\n');
  });

  it('drops a <style> that uses brace entities, as the real posts do', () => {
    const body = render('<div class="markdown-body"><style>.markdown-body&#123;color:#333&#125;</style><p>text</p></div>\n');
    expect(body.html).toBe('<div><p>text</p></div>\n');
  });
});

describe('Hexo excerpt marker', () => {
  it('gives the plain text before <!-- more --> and renders the rest normally', () => {
    const body = render('Intro **one**.\n\nIntro two.\n\n<!-- more -->\n\nRest with *emphasis*.\n\n### Later\n\nEnd.\n');
    expect(body.moreExcerpt).toBe('Intro one.\nIntro two.');
    expect(body.html).not.toMatch(/more|<!--/);
    expect(body.html).toContain('<p>Rest with <em>emphasis</em>.</p>');
    expect(body.sections.map((s) => s.heading)).toEqual(['Later']);
  });

  it('accepts <!--more--> inside a paragraph and inside wrappers', () => {
    expect(render('Before <!--more--> after.\n').moreExcerpt).toBe('Before');
    const wrapped = render('<div>\n<p>Lead text.</p>\n<!--more-->\n<p>Hidden text.</p>\n</div>\n');
    expect(wrapped.moreExcerpt).toBe('Lead text.');
    expect(htmlToText(wrapped.html)).toBe('Lead text.\nHidden text.');
    expectWellFormed(wrapped.html);
  });

  it('keeps the content of a hand-written marker element', () => {
    const body = render('<p>a</p><content-gateway-more onclick="x()">b</content-gateway-more><p>c</p>\n');
    expect(body.moreExcerpt).toBe('a');
    expect(body.html).toBe('<p>a</p>b<p>c</p>\n');
  });

  it('is null without a marker, for a marker quoted in code, and when nothing precedes the marker', () => {
    expect(render('No marker here.\n').moreExcerpt).toBeNull();
    const quoted = render('Use `<!-- more -->` to cut.\n');
    expect(quoted.moreExcerpt).toBeNull();
    expect(quoted.html).toContain('<code>&lt;!-- more --&gt;</code>');
    expect(render('<!-- more -->\n\nEverything.\n').moreExcerpt).toBeNull();
  });
});

describe('sections', () => {
  it('splits the wrapped real-post shape into its lead and six sections', () => {
    const body = render(WRAPPED_BODY);
    expect(body.lead?.html).toBe('<div>   \n<p>Opening paragraph about the harbour.</p>\n<p>Second opening paragraph.</p>\n</div>');
    expect(body.sections.map((s) => [s.index, s.heading, s.anchor])).toEqual([
      [0, 'Why the harbour?', 'why-the-harbour'],
      [1, 'Who pays?', 'who-pays'],
      [2, 'When does it open?', 'when-does-it-open'],
      [3, 'What about the fish?', 'what-about-the-fish'],
      [4, 'Is it safe?', 'is-it-safe'],
      [5, 'What comes next?', 'what-comes-next'],
    ]);
    expect(body.sections[1].html).toBe(
      '<div><h3 id="who-pays">Who pays?</h3>\n<p>The city, mostly.</p>\n<p>And some private partners.</p>\n</div>',
    );
    expect(body.sections[5].html).toBe('<div><h3 id="what-comes-next">What comes next?</h3>\n<p>A second pier.</p>\n</div>\n');
    expectReassembles(body);
  });

  it('posts its lead and sections as parts of the whole HTML, and reads them back the same', () => {
    const body = render(`${WRAPPED_BODY}\n<div><h3>Who pays?</h3><p>Again.</p><h3>Who pays?</h3></div>\n`);
    const { outline, html } = splitBody(body);
    expect(html.sections.every((section) => typeof section !== 'string')).toBe(true);
    expect(typeof html.lead).not.toBe('string');
    const received = htmlOfBody(JSON.parse(JSON.stringify(html)) as typeof html);
    expect(received.html).toBe(body.html);
    expect(received.lead).toBe(body.lead?.html);
    expect(outline.sections.map((section, index) => [section.anchor, received.sections[index], section.wordCount])).toEqual(
      body.sections.map((section) => [section.anchor, section.html, section.wordCount]),
    );
  });

  it('closes and reopens clones of every wrapper, attributes included, at any depth', () => {
    const body = render(
      '<section lang="en"><div title="w"><p>a</p><h3>B</h3><p>b<img src="https://img.example.com/1.png"></p></div>' +
        '<blockquote><ul><li>c<h3>C</h3>d</li><li>e</li></ul></blockquote><h3>D</h3><p>f</p></section>\n',
    );
    expect(body.lead?.html).toBe('<section lang="en"><div title="w"><p>a</p></div></section>');
    expect(body.sections.map((s) => s.html)).toEqual([
      '<section lang="en"><div title="w"><h3 id="b">B</h3><p>b<img src="https://img.example.com/1.png"></p></div><blockquote><ul><li>c</li></ul></blockquote></section>',
      '<section lang="en"><blockquote><ul><li><h3 id="c">C</h3>d</li><li>e</li></ul></blockquote></section>',
      '<section lang="en"><h3 id="d">D</h3><p>f</p></section>\n',
    ]);
    expectReassembles(body);
  });

  it('splits at markdown ### headings; h4 and deeper stay inside, h1/h2 stay where they fall', () => {
    const body = render('## Part\n\nIntro.\n\n### One\n\nx\n\n#### Detail\n\ny\n\n## Next part\n\n### Two\n\nz\n');
    expect(body.lead?.html).toBe('<h2 id="part">Part</h2>\n<p>Intro.</p>\n');
    expect(body.sections.map((s) => s.html)).toEqual([
      '<h3 id="one">One</h3>\n<p>x</p>\n<h4 id="detail">Detail</h4>\n<p>y</p>\n<h2 id="next-part">Next part</h2>\n',
      '<h3 id="two">Two</h3>\n<p>z</p>\n',
    ]);
    expectReassembles(body);
  });

  it('has no lead when the body starts with an h3 or only whitespace precedes it', () => {
    expect(render('### First\n\ntext\n').lead).toBeNull();
    const wrapped = render('<div>   \n\n<h3>First</h3>\n<p>text</p>\n</div>\n');
    expect(wrapped.lead).toBeNull();
    expect(wrapped.sections).toHaveLength(1);
    expect(flatText(wrapped.sections[0].html)).toBe(flatText(wrapped.html));
  });

  it('keeps a lead made only of an image', () => {
    const body = render('<div><img src="https://img.example.com/c.png"><h3>T</h3></div>\n');
    expect(body.lead?.html).toBe('<div><img src="https://img.example.com/c.png"></div>');
  });

  it('makes the whole body the lead when there is no h3', () => {
    const body = render('<div><h2>Only h2</h2><p>text</p><h4>and h4</h4></div>\n');
    expect(body.sections).toEqual([]);
    expect(body.lead?.html).toBe(body.html);
  });

  it('replaces an id such as "-" with the anchor, so the anchor points at the heading', () => {
    const body = render('<p>lead</p><h3 id="-">图表说明</h3><p>x</p>\n');
    expect(body.sections[0]).toMatchObject({ heading: '图表说明', anchor: '图表说明' });
    expect(body.sections[0].html).toContain('<h3 id="图表说明">');
  });

  it('gives GitHub-style anchors, unique within the article, CJK kept', () => {
    const body = render(
      [
        '### Hello World',
        '### Hello World',
        '### 什么是集体安全？',
        '### Ünïcode & Symbols!',
        '<h3></h3>',
        '### ???',
        '### section-1',
        '<h3>Mixed <em>inline</em> <code>code</code></h3>',
        '',
      ].join('\n\n'),
    );
    expect(body.sections.map((s) => [s.heading, s.anchor])).toEqual([
      ['Hello World', 'hello-world'],
      ['Hello World', 'hello-world-1'],
      ['什么是集体安全？', '什么是集体安全'],
      ['Ünïcode & Symbols!', 'ünïcode--symbols'],
      ['', 'section-5'],
      ['???', 'section-6'],
      ['section-1', 'section-1'],
      ['Mixed inline code', 'mixed-inline-code'],
    ]);
    expect(new Set(body.sections.map((s) => s.anchor)).size).toBe(body.sections.length);
  });

  it('numbers an empty heading that collides with an earlier anchor uniquely', () => {
    const body = render('### section-2\n\n<h3> </h3>\n');
    expect(body.sections.map((s) => s.anchor)).toEqual(['section-2', 'section-2-1']);
  });

  it('lists every heading h1-h6 with anchors shared by the HTML, the sections and each other', () => {
    const body = render('# Guide\n\n## Setup\n\n### Setup\n\nx\n\n#### Notes\n\n###### Deep\n\n<h2>Outer <h5>inner</h5></h2>\n');
    expect(body.headings).toEqual([
      { level: 1, text: 'Guide', anchor: 'guide' },
      { level: 2, text: 'Setup', anchor: 'setup' },
      { level: 3, text: 'Setup', anchor: 'setup-1' },
      { level: 4, text: 'Notes', anchor: 'notes' },
      { level: 6, text: 'Deep', anchor: 'deep' },
      { level: 2, text: 'Outer inner', anchor: 'outer-inner' },
    ]);
    expect(body.sections.map((s) => s.anchor)).toEqual(['setup-1']);
    for (const { anchor } of body.headings) expect(body.html).toContain(`id="${anchor}"`);
    expect(body.lead?.html).toContain('<h2 id="setup">Setup</h2>');
  });

  it('keeps no id the content wrote, so none collides with an anchor or poses as one', () => {
    const body = render(
      '<p id="setup">lead</p><div id="x"><h2 id="evil">Setup</h2><h4 id="setup">Other</h4><span id="setup">s</span></div>\n',
    );
    expect(body.headings.map((h) => h.anchor)).toEqual(['setup', 'other']);
    expect([...body.html.matchAll(/\bid="([^"]*)"/g)].map((match) => match[1])).toEqual(['setup', 'other']);
  });

  it('counts the words of each section', () => {
    const body = render('<p>lead words here</p><h3>One two</h3><p>three four five</p><h3>六七</h3><p>八九十</p>\n');
    expect(body.sections.map((s) => s.wordCount)).toEqual([
      textStats('One two\nthree four five').wordCount,
      textStats('六七\n八九十').wordCount,
    ]);
    expect(body.sections[0].wordCount).toBe(5);
  });

  it('serialises like plain data', () => {
    const body = render('### A\n\nb c\n');
    expect(JSON.parse(JSON.stringify(body.sections[0]))).toEqual({
      index: 0,
      heading: 'A',
      anchor: 'a',
      html: '<h3 id="a">A</h3>\n<p>b c</p>\n',
      wordCount: 3,
    });
  });
});

describe('images', () => {
  it('lists every image in document order, alt null when absent and empty when empty', () => {
    const body = render(
      '<p><img src="https://img.example.com/1.png" alt="one"></p>\n\n![two](https://img.example.com/2.png)\n\n' +
        '<div><img src="https://img.example.com/3.png"><img src="https://img.example.com/4.png" alt=""></div>\n',
    );
    expect(body.images).toEqual([
      { src: 'https://img.example.com/1.png', alt: 'one' },
      { src: 'https://img.example.com/2.png', alt: 'two' },
      { src: 'https://img.example.com/3.png', alt: null },
      { src: 'https://img.example.com/4.png', alt: '' },
    ]);
  });
});

describe('htmlToText', () => {
  it('separates blocks, <br> and cells so that words never glue together', () => {
    expect(htmlToText('<p>one</p><p>two</p><div>three<br>four</div><ul><li>five</li><li>six</li></ul>')).toBe(
      'one\ntwo\nthree\nfour\nfive\nsix',
    );
    expect(htmlToText('<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>')).toBe('a b\nc d');
    expect(htmlToText('<h3>Title</h3>Body')).toBe('Title\nBody');
  });

  it('collapses whitespace like a browser, except inside <pre>', () => {
    expect(htmlToText('  <p>  a \n\t b  </p>  <span>c</span><b>d</b>  ')).toBe('a b\ncd');
    expect(htmlToText('<pre>  x\n    y</pre>')).toBe('  x\n    y');
  });

  it('decodes entities and keeps inline elements inline', () => {
    expect(htmlToText('<p>&#123;x&#125; &lt;b&gt; &amp; caf&eacute; <em>in</em>line</p>')).toBe('{x} <b> & café inline');
  });

  it('ignores script and style content should unsanitised HTML come in', () => {
    expect(htmlToText('<p>a</p><script>var x = "<p>";</script><style>p{}</style><p>b</p>')).toBe('a\nb');
  });

  it('keeps at most one blank line', () => {
    expect(htmlToText('a<br><br><br><br>b')).toBe('a\n\nb');
  });
});

describe('textStats', () => {
  it('counts Latin words and non-whitespace characters', () => {
    expect(textStats("Hello, world! It's 3.14 o'clock.")).toEqual({
      wordCount: 5,
      characterCount: 28,
      readingTimeMinutes: 1,
    });
  });

  it('segments CJK text into words and reads it by the character', () => {
    const sentence = '集体安全条约组织宣布准备接受援助请求。';
    const stats = textStats(sentence);
    expect(stats.wordCount).toBeGreaterThan(4);
    expect(stats.wordCount).toBeLessThan(sentence.length);
    expect(stats.characterCount).toBe(sentence.length);
    // 18 Han characters per sentence: 34 sentences are 612 characters, just over two minutes.
    expect(textStats(sentence.repeat(34)).readingTimeMinutes).toBe(3);
    expect(textStats(sentence.repeat(16)).readingTimeMinutes).toBe(1);
  });

  it('reads Latin by the word', () => {
    expect(textStats('word '.repeat(220)).readingTimeMinutes).toBe(1);
    expect(textStats('word '.repeat(221)).readingTimeMinutes).toBe(2);
  });

  it('sums CJK characters and other words for mixed text', () => {
    // 150 Han characters (half a minute) and 110 English words (half a minute).
    const stats = textStats('安全'.repeat(75) + ' ' + 'word '.repeat(110));
    expect(stats.readingTimeMinutes).toBe(1);
    const longer = textStats('安全'.repeat(150) + ' ' + 'word '.repeat(220));
    expect(longer.readingTimeMinutes).toBe(2);
    expect(longer.wordCount).toBeGreaterThan(220);
  });

  it('counts Korean and Japanese words', () => {
    expect(textStats('한국어 텍스트입니다').wordCount).toBe(2);
    expect(textStats('深夜の真剣お絵描き').wordCount).toBeGreaterThan(1);
  });

  it('counts characters as code points and ignores every kind of whitespace', () => {
    expect(textStats('😀 a\u3000b\u00a0c\n').characterCount).toBe(4);
  });

  it('is zero for empty or blank text and at least one minute otherwise', () => {
    expect(textStats('')).toEqual({ wordCount: 0, characterCount: 0, readingTimeMinutes: 0 });
    expect(textStats(' \n\t')).toEqual({ wordCount: 0, characterCount: 0, readingTimeMinutes: 0 });
    expect(textStats('!').readingTimeMinutes).toBe(1);
  });

  it('is what renderBody reports, computed on first read and spreadable', () => {
    const body = render('### 标题\n\n这是一个测试。This is a test.\n');
    expect({ ...body.stats }).toEqual(textStats(htmlToText(body.html)));
    expect(JSON.parse(JSON.stringify(body.stats))).toEqual(textStats(htmlToText(body.html)));
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Chinese', '集体安全条约组织第一次参与积极的进程。', 'zh'],
    ['traditional Chinese', '感謝大家長期以來對動漫平台的支持與鼓勵。', 'zh'],
    ['Japanese with kana', '深夜の真剣お絵描き60分一本勝負', 'ja'],
    ['pure kana', 'ああ  ああ', 'ja'],
    ['Korean', '한국어 텍스트입니다', 'ko'],
    ['English', 'The quick brown fox jumps over the lazy dog.', 'en'],
    ['Czech (Latin script)', 'Příliš žluťoučký kůň', 'en'],
    ['Russian', 'Быстрая коричневая лиса', 'ru'],
    ['Chinese quoting English terms', '我们使用 TypeScript 和 GraphQL 构建网关服务', 'zh'],
    [
      'Chinese quoting a Japanese title',
      '本季新番《SK∞ エスケーエイト》由骨头社制作，讲述了少年们在滑板比赛中追逐梦想的故事，画面精美，节奏明快，值得一看。',
      'zh',
    ],
    [
      'Chinese quoting a Japanese phrase',
      '据报道，插画活动“深夜の真剣お絵描き60分一本勝負”每周举行一次，参加者需要在一个小时内完成作品并上传到社交平台，吸引了很多画师。',
      'zh',
    ],
    ['katakana only', 'エスケーエイト', 'ja'],
    ['Chinese names with the katakana middle dot', '卡瑟姆若马尔特・托卡耶夫和安德烈・谢尔久科夫', 'zh'],
  ])('%s is %s', (_name, text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('is null without letters', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('2021-10-31 12:00 ★ ☂ ∞ 😀 ！？')).toBeNull();
  });

  it('is what renderBody reports', () => {
    expect(render('<div>这是中文正文，讲述一个故事。</div>\n').language).toBe('zh');
    expect(render('<img src="https://img.example.com/a.png">\n').language).toBeNull();
  });
});

describe('makeExcerpt', () => {
  it('returns a short text whole, on one line, without an ellipsis', () => {
    expect(makeExcerpt('  Short\n text.  ', 20)).toBe('Short text.');
  });

  it('cuts Latin text at a word boundary and adds an ellipsis', () => {
    expect(makeExcerpt('The quick brown fox jumps over the lazy dog', 18)).toBe('The quick brown…');
    expect(makeExcerpt('Alpha, beta, gamma', 12)).toBe('Alpha, beta…');
  });

  it('cuts CJK text at a character boundary, exactly at the length', () => {
    const text = '集体安全条约组织第一次参与积极的进程';
    expect(makeExcerpt(text, 7)).toBe('集体安全条约组…');
    expect(makeExcerpt(`Hello 世界和平万岁`, 8)).toBe('Hello 世界…');
  });

  it('never splits a surrogate pair or a grapheme cluster', () => {
    const family = '👨‍👩‍👧';
    const excerpt = makeExcerpt(`${family}${family}${family}`, 2);
    expect(excerpt).toBe(`${family}${family}…`);
    expect(makeExcerpt('😀😀😀😀', 3)).toBe('😀😀😀…');
  });

  it('cuts inside a single word longer than the length, so a non-empty text never gives an empty excerpt', () => {
    expect(makeExcerpt('Supercalifragilisticexpialidocious', 5)).toBe('Super…');
    expect(makeExcerpt('abc', 0)).toBe('a…');
  });

  it('keeps its length in characters', () => {
    const text = '这是一个很长的中文句子，用来测试摘要的长度是否正确。'.repeat(20);
    expect(Array.from(makeExcerpt(text, 160))).toHaveLength(161);
  });

  it('is empty for an empty text', () => {
    expect(makeExcerpt('', 10)).toBe('');
  });
});
