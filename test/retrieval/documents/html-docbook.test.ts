import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/retrieval/documents/html.js';

/** A DocBook XSL section holding an admonition box in the middle of its text (as mutt's manual writes them). */
const section = (box: string) => `<div class="sect1"><div class="titlepage"><div><div>
<h2 class="title"><a name="macros"></a>10. Hive macros</h2></div></div></div>
<p>A macro replays a series of keys.</p>
${box}
<p>Macros listed in the help screen are cut at its width.</p>
</div>`;

describe('htmlToText: DocBook admonitions', () => {
  it('the title of a note, warning, tip, important or caution box is a text line, not a section heading', () => {
    for (const kind of ['note', 'warning', 'tip', 'important', 'caution']) {
      const title = kind[0]!.toUpperCase() + kind.slice(1);
      const box = `<div class="${kind}"><h3 class="title">${title}</h3><p>Hooks run before the keys.</p></div>`;
      expect(htmlToText(section(box))).toEqual([
        '## 10. Hive macros',
        'A macro replays a series of keys.',
        title,
        'Hooks run before the keys.',
        'Macros listed in the help screen are cut at its width.',
      ]);
    }
  });

  it('a box titled in its own words is not a section either', () => {
    const box = '<div class="warning"><h3 class="title">Queen cells</h3><p>Look twice.</p></div>';
    expect(htmlToText(section(box))).toContain('Queen cells');
    expect(htmlToText(section(box))).not.toContain('### Queen cells');
  });

  it('a heading in a box without the DocBook title class, or a title heading outside a box, stays a heading', () => {
    const bare = '<div class="note"><h3>Environment ordering</h3><p>Look twice.</p></div>';
    expect(htmlToText(section(bare))).toContain('### Environment ordering');
    const outside = '<div class="sect2"><h3 class="title">10.1. Nested macros</h3><p>Look twice.</p></div>';
    expect(htmlToText(section(outside))).toContain('### 10.1. Nested macros');
  });
});

describe('htmlToText: DocBook lists of tables, examples and figures', () => {
  it("a book's lists of its tables, examples and figures are contents, not text", () => {
    const list = (kind: string, title: string, entries: string[]) =>
      `<div class="list-of-${kind}"><p><b>${title}</b></p><dl>${entries
        .map((entry, n) => `<dt>2.${n + 1}. <a href="ch02.html#t${n}">${entry}</a></dt>`)
        .join('')}</dl></div>`;
    const html = `<div class="book"><div class="titlepage"><h1 class="title">The Hivelog Guide</h1></div>
<div class="toc"><p><b>Table of Contents</b></p><dl><dt>1. <a href="ch01.html">Starting</a></dt></dl></div>
${list('tables', 'List of Tables', ['Frame letters', 'Temper scale'])}
${list('examples', 'List of Examples', ['A first entry'])}
${list('figures', 'List of Figures', ['A hive stand'])}
<p>This guide explains how to keep a record of each colony.</p></div>`;
    expect(htmlToText(html)).toEqual([
      '# The Hivelog Guide',
      'This guide explains how to keep a record of each colony.',
    ]);
  });
});
