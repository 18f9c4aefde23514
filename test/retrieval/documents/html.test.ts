import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/retrieval/documents/html.js';

const texts = (html: string) => htmlToText(html).map((line) => line.text);

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

  it('escapes text lines that would read as markdown headings or fences', () => {
    expect(texts('<p># not a heading</p><p>```js</p>')).toEqual(['    # not a heading', '    ```js']);
  });

  it('numbers every line with its line in the source', () => {
    const lines = htmlToText('<html>\n<body>\n<h2>A</h2>\n<p>one\ntwo</p>\n\n<p>three</p></body>');
    expect(lines).toEqual([
      { text: '## A', line: 3 },
      { text: 'one two', line: 4 },
      { text: 'three', line: 7 },
    ]);
  });
});
