import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/retrieval/documents/html.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/doc-builders');
const page = (path: string) => htmlToText(readFileSync(resolve(FIXTURES, path), 'utf8'));

/** Page chrome of RDoc, Haddock, qdoc, Erlang/OTP, single-page texinfo and Doxygen formulas. */
describe('htmlToText on the pages of RDoc, Haddock, qdoc, Erlang/OTP and texinfo', () => {
  it("RDoc: drops the 'click to toggle source' advice and the method's copy of its source", () => {
    const lines = page('rdoc/Kiln/Schedule.html');
    expect(lines).toEqual([
      '# class Kiln::Schedule',
      'A firing schedule: ramps, holds and a controlled cool-down.',
      '### Public Instance Methods',
      '#### cool_down(rate = 80)',
      'Lowers the kiln temperature by rate degrees an hour so that glazes do not craze.',
    ]);
  });

  it("Haddock: the module name is the page heading; package bar, contents, synopsis and 'Source #' links go", () => {
    const lines = page('haddock/Data-Ring.html');
    expect(lines[0]).toBe('# Data.Ring');
    expect(lines).toContain('# Construction');
    expect(lines).toContain('fromList :: [a] -> Ring a');
    expect(lines).toContain('rotate :: Int -> Ring a -> Ring a');
    expect(lines).toContain('O(1). Turn the ring by n places, so the element at n comes first.');
    const text = lines.join('\n');
    expect(text).not.toMatch(/rings-1\.0|Synopsis|Contents|Source|#$|Produced by/m);
    expect(lines.filter((line) => line.startsWith('fromList ::'))).toHaveLength(1);
  });

  it('qdoc: drops the breadcrumb bar, the sidebar contents and the footer', () => {
    const lines = page('qdoc/qring.html');
    expect(lines[0]).toBe('# QRing Class');
    expect(lines.join('\n')).not.toMatch(
      /Qt 5\.15|Reference Documentation|C\+\+ Classes|Contents|Qt Company/,
    );
    expect(lines).toContain('## Detailed Description');
  });

  it('Erlang/OTP: a heading whose title sits in a block inside it stays a heading; the top bar goes', () => {
    const lines = page('erlang/doc/html/using_rings.html');
    expect(lines.slice(0, 3)).toEqual([
      '# 2 Getting Started',
      '### 2.1 Starting a Ring Server',
      'Start the ring server with rings:start_link/1 before any call.',
    ]);
    expect(lines.join('\n')).not.toMatch(/Menu|Chapters|Ericsson/);
  });

  it('Erlang/OTP: a type spec written in a heading over several lines keeps its first line as the heading', () => {
    const html =
      '<h4 id="type-kb_int_tuple" class="title-link"><div class="title-name"><span class="bold_code"><a name="type-kb_int_tuple">kb_int_tuple()</a> = <br>    {Name :: string(),<br>     Echo :: boolean()}</span></div></h4><p>Keyboard-interactive prompts.</p>';
    expect(htmlToText(html)).toEqual([
      '#### kb_int_tuple() =',
      '{Name :: string(),',
      'Echo :: boolean()}',
      'Keyboard-interactive prompts.',
    ]);
  });

  it("RDoc: a method's heading block is a heading one level below the section it sits in", () => {
    const html =
      '<h1 class="class">class Kiln</h1><section><header><h3>Public Instance Methods</h3></header>' +
      '<div class="method-detail"><div class="method-heading"><span class="method-name">fire</span><span class="method-args">(cone)</span></div>' +
      '<div class="method-description"><p>Fires to the cone.</p></div></div>' +
      '<div class="method-detail"><div class="method-heading"><span class="method-name">vent</span><span class="method-args">()</span></div>' +
      '<div class="method-description"><p>Opens the damper.</p></div></div></section><h3>Public Class Methods</h3><p>None.</p>';
    expect(htmlToText(html)).toEqual([
      '# class Kiln',
      '### Public Instance Methods',
      '#### fire(cone)',
      'Fires to the cone.',
      '#### vent()',
      'Opens the damper.',
      '### Public Class Methods',
      'None.',
    ]);
  });

  it('keeps a block inside a heading on the heading line (any builder)', () => {
    expect(htmlToText('<h2><div>Install</div><div><span>ing</span> it</div></h2><p>Run make.</p>')).toEqual([
      '## Install ing it',
      'Run make.',
    ]);
  });

  it('texinfo on one page: drops the table of contents, node menus, node links, index tables and ¶ links', () => {
    const lines = page('texinfo/kiln.html');
    expect(lines).toEqual([
      '# Kiln Manual',
      '## 1 Firing',
      'A firing raises the kiln to the glaze’s maturing temperature and holds it there.',
      '### 1.1 Cooling',
      'Slow cooling through 573 °C keeps thick pots from cracking.',
      '#### Command: kiln --cool rate', // a texinfo definition term: a heading below its section
      'Cools at rate degrees an hour.',
      ': (a colon)',
      'Does nothing.',
      '```',
      'kiln --cool 80',
      '```',
      '## Index',
    ]);
  });

  it("texinfo in a Bootstrap template (ffmpeg's manual): a heading's hidden '#' and 'TOC' links are not its text", () => {
    const lines = htmlToText(
      readFileSync(resolve(import.meta.dirname, '../../fixtures/texinfo-all-pages/kiln-glazes.html'), 'utf8'),
    );
    expect(lines.slice(0, 3)).toEqual(['# Glaze recipes', '## 1 Glaze recipes', '### 1.1 Celadon']);
    expect(lines).toContain('### 1.2 Tenmoku');
  });

  it("a same-page link hidden from screen readers is decoration; a hidden link to another page, or a visible '#', is text", () => {
    const lines = htmlToText(
      '<h2>Glazes <a href="#glazes" aria-hidden="true">#</a></h2><p>See <a href="recipes.html" aria-hidden="true">' +
        'recipes</a> and <a href="#kiln">#kiln</a> notes.</p>',
    );
    expect(lines).toEqual(['## Glazes', 'See recipes and #kiln notes.']);
  });

  it("Doxygen: a member's '◆' permalink is not part of its heading", () => {
    const lines = htmlToText(
      '<h2 class="memtitle"><span class="permalink"><a href="#a1b2">&#9670;&nbsp;</a></span>kiln_open()</h2>' +
        '<div class="memitem"><p>Opens the kiln lid once it is below 60 degrees.</p></div>',
    );
    expect(lines).toEqual(['## kiln_open()', 'Opens the kiln lid once it is below 60 degrees.']);
  });

  it('Doxygen: formula images are read as their TeX (alt text); other images are not text', () => {
    const lines = page('doxygen/formulas.html');
    expect(lines).toEqual([
      '# Including formulas',
      'The Frobenius norm of a matrix is $\\sqrt{\\sum_{ij} a_{ij}^2}$, written with the math mode of $\\LaTeX$.',
      '\\[ \\|A\\|_F = \\sqrt{\\mathrm{tr}(A^T A)} \\]',
      'The logo is not text.',
    ]);
  });
});
