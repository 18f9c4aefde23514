import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/retrieval/documents/html.js';

const texts = htmlToText;

describe('htmlToText', () => {
  it('survives unclosed tags, comments, CDATA and attributes holding ">"', () => {
    const html = '<div title="a > b"><p>First<!-- hidden <h1>no</h1> --> part<p>Second <b>bold<br>next';
    expect(texts(html)).toEqual(['First part', 'Second bold', 'next']);
    expect(texts('<p>text <![CDATA[ raw ]]> more')).toEqual(['text more']);
    expect(texts('<p>before<script>let a = "</p>"; if (a < b) {}')).toEqual(['before']);
  });

  it('drops navigation blocks by class or role and keeps nested content of others', () => {
    const html =
      '<div class="sphinxsidebar"><div><h3>Nav</h3></div><p>links</p></div><div class="body"><div><h1>Title</h1></div><p>Body</p></div>';
    expect(texts(html)).toEqual(['# Title', 'Body']);
    expect(texts('<div role="navigation"><p>x</p></div><p>kept</p>')).toEqual(['kept']);
  });

  it('marks list items and keeps preformatted whitespace inside a fence', () => {
    expect(texts('<ul><li>one</li><li>two</li></ul>')).toEqual(['- one', '- two']);
    expect(texts('<pre>  fn main() {\n      println!();\n  }</pre>')).toEqual([
      '```',
      '  fn main() {',
      '      println!();',
      '  }',
      '```',
    ]);
  });

  it('drops the newline that follows <pre> (the HTML parsing rule), so a code block starts with its code', () => {
    expect(texts('<pre class="ebnf">\nSyntax = { Production } .\n</pre>')).toEqual([
      '```',
      'Syntax = { Production } .',
      '```',
    ]);
    expect(texts('<pre><code>\n\nfirst after a blank line</code></pre>')).toEqual([
      '```',
      '',
      'first after a blank line',
      '```',
    ]);
  });

  it('indents a line of backticks inside <pre>, which would close its fence early (a reST or markdown example)', () => {
    const html = '<pre>Title\n`````\n\n```js\nx\n```</pre><h2>Tables</h2><p>Grid tables.</p>';
    expect(texts(html)).toEqual([
      '```',
      'Title',
      '    `````',
      '',
      '    ```js',
      'x',
      '    ```',
      '```',
      '## Tables',
      'Grid tables.',
    ]);
    // tildes do not close a backtick fence: they stay as written
    expect(texts('<pre>~~~~\nrule</pre>')).toEqual(['```', '~~~~', 'rule', '```']);
  });

  it('escapes text lines that would read as markdown headings or fences', () => {
    expect(texts('<p># not a heading</p><p>```js</p>')).toEqual(['    # not a heading', '    ```js']);
    expect(texts('<h1>T</h1><h2>U</h2><p># one</p><p>## two</p>')).toEqual([
      '# T',
      '## U',
      '    # one',
      '    ## two',
    ]);
    // a configuration example outside <pre>: its comments are lines broken by <br>, in two levels
    expect(texts('<p># listen here<br>## and log there<br>Listen 80</p><p># x</p>')).toEqual([
      '    # listen here',
      '    ## and log there',
      'Listen 80',
      '    # x',
    ]);
  });

  it('reads the headings of a page whose builder left its markdown unparsed, not the comments in its code', () => {
    // Debian's Black docs: Sphinx without MyST wrote each markdown line as a paragraph, and a stray <h1>
    const html =
      '<h1>)</h1><p># The _Black_ code style</p><p>## Code style</p><p>Black aims for consistency.</p>' +
      '<p>```py3 # in:</p><p>j = [1,</p><p># out:</p><p>j = [1] ```</p>' +
      '<p>### How _Black_ wraps lines</p><p>It ignores previous formatting.</p>';
    expect(texts(html)).toEqual([
      '# )',
      '# The _Black_ code style',
      '## Code style',
      'Black aims for consistency.',
      '    ```py3 # in:',
      'j = [1,',
      '    # out:',
      'j = [1] ```',
      '### How _Black_ wraps lines',
      'It ignores previous formatting.',
    ]);
  });

  it('decodes every named reference of the HTML table, numeric ones, and leaves unknown names alone', () => {
    expect(texts('<p>&alpha; &NotEqualTilde; &hellip; &#x2192; &#8212; &amp;amp; &nosuch;</p>')).toEqual([
      '\u03b1 \u2242\u0338 \u2026 \u2192 \u2014 &amp; &nosuch;',
    ]);
  });

  it('reads script and style content as raw text, whatever it holds', () => {
    const html =
      '<p>a</p><script>if (x < y && "<h1>") {}</script><style>p::before { content: "<p>" }</style><p>b</p>';
    expect(texts(html)).toEqual(['a', 'b']);
  });

  it('closes elements the markup leaves open, as browsers do', () => {
    expect(texts('<ul><li>one<li>two</ul><dl><dt>term<dd>meaning</dl>')).toEqual([
      '- one',
      '- two',
      'term',
      'meaning',
    ]);
    expect(texts('<h2>Title<p>body')).toEqual(['## Title', 'body']);
  });
});
