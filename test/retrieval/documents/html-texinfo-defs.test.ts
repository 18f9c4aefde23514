import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/retrieval/documents/html.js';

/**
 * makeinfo writes each `@deffn` (a function, a variable of a manual's reference) as a definition term: `<dl
 * class="def"><dt id="index-NAME">` in makeinfo 6, `<dl class="first-deffn"><dt class="deffn" …>` in 7.
 */
describe('htmlToText on texinfo definitions', () => {
  it('reads each definition term as a heading below its section, its signature lines after the first as text', () => {
    const html =
      '<h3 class="section">4.2 Functions for glazes</h3><p>Glazes are mixed from oxides.</p>' +
      '<dl class="def"><dt id="index-blend"><span class="category">Function: </span><span><strong>blend</strong> ' +
      '<em><br>&nbsp;&nbsp;<tt>blend</tt> (<var>a</var>, <var>b</var>)</em>' +
      '<a href="#index-blend" class="copiable-anchor"> &para;</a></span></dt>' +
      '<dd><p>Mixes two glazes by weight.</p></dd></dl>' +
      '<dl class="first-defvr"><dt class="defvr" id="index-cone"><span class="category">Option variable: </span>' +
      '<strong>cone</strong></dt><dd><p>The cone the kiln fires to.</p></dd></dl>' +
      '<dl><dt>plain term</dt><dd>stays a line of text</dd></dl>';
    expect(htmlToText(html)).toEqual([
      '### 4.2 Functions for glazes',
      'Glazes are mixed from oxides.',
      '#### Function: blend',
      'blend (a, b)',
      'Mixes two glazes by weight.',
      '#### Option variable: cone',
      'The cone the kiln fires to.',
      'plain term',
      'stays a line of text',
    ]);
  });
});
