import { describe, expect, it } from 'vitest';
import { htmlPage, htmlToText } from '../../../src/retrieval/documents/html.js';

/** Doxygen writes a code example as a `fragment` block of `line` blocks, not as `<pre>`. */
const fragment = (lines: string[], between = '\n') =>
  `<div class="fragment">${lines.map((line) => `<div class="line">${line}</div>`).join(between)}</div><!-- fragment -->`;

const PYTHON = [
  '<span class="comment">## @package hives</span>',
  '<span class="comment"># Keeps one log per colony.</span>',
  '<span class="comment">#</span>',
  '<span class="keyword">class </span>Hive:',
  '    <span class="comment">## The frames counted at the last inspection.</span>',
  '    frames = 0',
];

describe('htmlToText: Doxygen code fragments', () => {
  it('a fragment is a fenced block of its lines, indentation kept; its comments are not headings', () => {
    const html = `<h2>Comment blocks in Python</h2><p>The same example with comments:</p>${fragment(PYTHON)}<p>After it.</p>`;
    const page = htmlPage(html);
    expect(page.lines).toEqual([
      '## Comment blocks in Python',
      'The same example with comments:',
      '```',
      '## @package hives',
      '# Keeps one log per colony.',
      '#',
      'class Hive:',
      '    ## The frames counted at the last inspection.',
      '    frames = 0',
      '```',
      'After it.',
    ]);
  });

  it('lines written without a newline between them are still one line each', () => {
    expect(htmlToText(fragment(['int a = 1;', 'int b = 2;'], ''))).toEqual([
      '```',
      'int a = 1;',
      'int b = 2;',
      '```',
    ]);
  });

  it('an empty line of the fragment stays an empty code line', () => {
    expect(htmlToText(fragment(['a();', ' ', 'b();']))).toEqual(['```', 'a();', ' ', 'b();', '```']);
  });
});
