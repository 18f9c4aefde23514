import { describe, expect, it } from 'vitest';
import { chunkDocument, countTokens } from '../../../src/retrieval/documents/chunker.js';
import { documentText } from '../../../src/retrieval/documents/document-text.js';

const md = (text: string, source = 'guide.md') =>
  chunkDocument({ collection: 'docs', source, kind: 'markdown', text });

describe('chunkDocument', () => {
  it('keeps heading paths and 1-based line ranges of markdown sections', () => {
    const text =
      '# Trueno\n\nIntro text.\n\n## Install\n\nRun cargo add.\n\n### Features\n\nSIMD.\n## Usage\nCall it.';
    const chunks = md(text);
    expect(chunks.map((chunk) => chunk.headings)).toEqual([
      ['Trueno'],
      ['Trueno', 'Install'],
      ['Trueno', 'Install', 'Features'],
      ['Trueno', 'Usage'],
    ]);
    expect(chunks.map((chunk) => chunk.lines)).toEqual([
      [3, 3],
      [7, 7],
      [11, 11],
      [13, 13],
    ]);
    expect(chunks[1]!.text).toBe('Run cargo add.');
    expect(chunks.every((chunk) => chunk.collection === 'docs' && chunk.source === 'guide.md')).toBe(true);
  });

  it('does not take # lines inside fenced code for headings and keeps a code block whole', () => {
    const code = [
      '```sh',
      '# not a heading',
      ...Array.from({ length: 20 }, (_, i) => `echo line ${i}`),
      '```',
    ];
    const text = ['# Title', '', 'before', '', ...code, '', 'after'].join('\n');
    const chunks = chunkDocument(
      { collection: 'c', source: 'a.md', kind: 'markdown', text },
      { maxTokens: 200, overlapTokens: 0, mergeTokens: 0 },
    );
    expect(chunks.every((chunk) => chunk.headings.join() === 'Title')).toBe(true);
    const withCode = chunks.filter((chunk) => chunk.text.includes('```sh'));
    expect(withCode).toHaveLength(1);
    expect(withCode[0]!.text).toContain('echo line 19');
  });

  it('bounds chunks by tokens and overlaps consecutive chunks of one section', () => {
    const paragraphs = Array.from(
      { length: 30 },
      (_, i) => `Paragraph ${i} talks about vectors and ${'word '.repeat(20)}`,
    );
    const chunks = chunkDocument(
      { collection: 'c', source: 'long.txt', kind: 'text', text: paragraphs.join('\n\n') },
      { maxTokens: 100, overlapTokens: 30, mergeTokens: 0 },
    );
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(countTokens(chunk.text)).toBeLessThanOrEqual(100);
    for (let i = 1; i < chunks.length; i += 1) {
      expect(chunks[i]!.lines[0]).toBeLessThanOrEqual(chunks[i - 1]!.lines[1]);
    }
    expect(chunks.at(-1)!.text).toContain('Paragraph 29');
  });

  it('splits a giant single line instead of dropping it', () => {
    const chunks = chunkDocument(
      { collection: 'c', source: 'min.js', kind: 'code', text: 'x=1;'.repeat(2000) },
      { maxTokens: 100, overlapTokens: 0, mergeTokens: 0 },
    );
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.every((chunk) => chunk.lines[0] === 1 && countTokens(chunk.text) <= 100)).toBe(true);
  });

  it('tags the component from front matter, else from the file name', () => {
    const front = md('---\ntitle: X\ncomponent: trueno-db\n---\n# X\n\nbody', 'notes.md');
    expect(front[0]!.component).toBe('trueno-db');
    expect(front[0]!.lines).toEqual([7, 7]);
    expect(md('# A\n\nbody', 'trueno-db-guide.md')[0]!.component).toBe('trueno-db');
    expect(md('# A\n\nbody', 'aprender.md')[0]!.component).toBe('aprender');
    expect(md('# A\n\nbody', 'truenoish.md')[0]!.component).toBeNull();
  });

  it('reads markdown setext headings (a one-line paragraph over === or ---), as curl writes SSLCERTS.md', () => {
    const text = [
      'Kiln Safety', // 1
      '===========',
      '',
      'Read this first.', // 4
      '',
      'Venting', // 6
      '-------',
      '',
      'Open the vent below cone 010.', // 9
      'A second line of the paragraph',
      '---', // 11: under a two-line paragraph: a rule, not a heading
      '',
      '- a list item',
      '---', // 14: under a list item: a rule
      '```',
      'Not a title',
      '---', // 17: inside a fence
      '```',
    ].join('\n');
    const chunks = md(text);
    expect(chunks.map((chunk) => chunk.headings)).toEqual([['Kiln Safety'], ['Kiln Safety', 'Venting']]);
    expect(chunks.map((chunk) => chunk.lines)).toEqual([
      [4, 4],
      [9, 18],
    ]);
  });

  it('reads numbered titles of plain text in two or more levels (1. / 1.1, as curl FAQ and sedfaq), not lists', () => {
    const text = [
      'KILN FAQ', // 1
      '',
      ' 1. Firing', // 3: the table of contents
      '  1.1 How hot is cone 6?',
      '',
      ' 2. Glazes', // 6: an empty group of the contents, followed by its sibling
      '',
      ' 3. Repairs',
      '  3.1 Can I patch a shelf?',
      '',
      '1. Firing', // 11
      '',
      '  1.1 How hot is cone 6?', // 13
      '',
      '  About 1220 degrees at a slow ramp.', // 15
      '',
      '  1. load the kiln', // 17: a numbered list inside the answer, indented like its text
      '',
      '  2. close the lid',
      '',
      '2. Glazes', // 21
      '',
      '  2.2 Why does my glaze crawl?', // 23: numbers may skip
      '',
      '  Dust on the bisque keeps the glaze from wetting it.', // 25
      '',
    ].join('\n');
    const chunks = chunkDocument({ collection: 'c', source: 'FAQ', kind: 'text', text });
    expect(chunks.map((chunk) => chunk.headings)).toEqual([
      [],
      ['1. Firing', '1.1 How hot is cone 6?'],
      ['2. Glazes', '2.2 Why does my glaze crawl?'],
    ]);
    expect(chunks.map((chunk) => chunk.lines)).toEqual([
      [1, 9],
      [15, 19],
      [25, 25],
    ]);
    const steps = '1. Load the kiln.\n\n2. Close the lid.\n\n3. Fire to cone 6.\n';
    const list = chunkDocument({ collection: 'c', source: 'README', kind: 'text', text: steps });
    expect(list.map((chunk) => chunk.headings)).toEqual([[]]);
  });

  it('reads underlined titles of plain text (README.Debian, KEYSERVER), centred or not, over and under', () => {
    const text = [
      '        Kiln Notes', // 1: a centred title
      '        ==========',
      '',
      'How the kiln at the studio is run.', // 4
      '',
      'Firing', // 6
      '------',
      '',
      'Ramp slowly to cone 6.', // 9
      'The last line of a paragraph', // 10: no blank line above it, so the rule below is no underline
      '----------------------------',
      '',
      'Cooling', // 13
      '-------',
      '',
      'Leave the lid shut.', // 16
      '',
      '- a list item', // 18: a list item is no title
      '-------------',
      '',
      'A short line', // 21: a rule far longer than the line above it is a separator
      '------------------------------------------------------------',
      '',
      'Repairs', // 24
      '-------',
      '',
      'Patch the shelf.', // 27
    ].join('\n');
    const chunks = chunkDocument({ collection: 'c', source: 'README.Debian', kind: 'text', text });
    expect(chunks.map((chunk) => chunk.headings)).toEqual([
      ['Kiln Notes'],
      ['Kiln Notes', 'Firing'],
      ['Kiln Notes', 'Cooling'],
      ['Kiln Notes', 'Repairs'],
    ]);
    expect(chunks.map((chunk) => chunk.lines)).toEqual([
      [4, 4],
      [9, 11],
      [16, 22],
      [27, 27],
    ]);
    const overlined =
      '=======\nShelves\n=======\n\nKeep them flat.\n\nPatching\n--------\n\nUse kiln wash.\n';
    const shelves = chunkDocument({ collection: 'c', source: 'SHELVES', kind: 'text', text: overlined });
    expect(shelves.map((chunk) => chunk.headings)).toEqual([['Shelves'], ['Shelves', 'Patching']]);
    // Further down, an indented title is an example inside an indented block; numbered titles come first.
    const example = 'Markup\n------\n\nWrite a title so::\n\n   Glazes\n   ======\n\nThat is all.\n';
    const markup = chunkDocument({ collection: 'c', source: 'MARKUP', kind: 'text', text: example });
    expect(markup.map((chunk) => chunk.headings)).toEqual([['Markup']]);
    const faq = '1. Firing\n\n1.1 How hot?\n\nHot.\n\nA table\n-------\n\n2. Glazes\n\n2.1 Why?\n\nDust.\n';
    const numbered = chunkDocument({ collection: 'c', source: 'FAQ', kind: 'text', text: faq });
    expect(numbered.map((chunk) => chunk.headings)).toEqual([
      ['1. Firing', '1.1 How hot?'],
      ['2. Glazes', '2.1 Why?'],
    ]);
  });

  it('reads outline headings (* / **) of plain text under an Emacs org or outline mode line or in two levels', () => {
    const org = [
      '# KILN NOTES                                  -*- org -*-', // 1
      '',
      '* Firing', // 3
      '** Ramps', // 4
      '   Ramp slowly.', // 5
      '* Cooling', // 6
      '  Leave the lid shut.', // 7
    ].join('\n');
    const chunks = chunkDocument({ collection: 'c', source: 'HACKING', kind: 'text', text: org });
    expect(chunks.map((chunk) => chunk.headings)).toEqual([[], ['Firing', 'Ramps'], ['Cooling']]);
    expect(chunks.map((chunk) => chunk.lines)).toEqual([
      [1, 1],
      [5, 5],
      [7, 7],
    ]);
    const levels = '* Firing\n** Ramps\nRamp slowly.\n';
    const both = chunkDocument({ collection: 'c', source: 'README', kind: 'text', text: levels });
    expect(both.map((chunk) => chunk.headings)).toEqual([['Firing', 'Ramps']]);
    const bullets = 'Things to bring:\n\n* gloves\n\n* goggles\n';
    const list = chunkDocument({ collection: 'c', source: 'README', kind: 'text', text: bullets });
    expect(list.map((chunk) => chunk.headings)).toEqual([[]]);
  });

  it('front matter between --- lines is no setext heading', () => {
    const chunks = md('---\ntitle: Kilns\n---\n\n# Kilns\n\nFire them.');
    expect(chunks.map((chunk) => chunk.headings)).toEqual([['Kilns']]);
  });

  it('reads reStructuredText titles with underlines and overlines', () => {
    const text =
      '=====\nGuide\n=====\n\nIntro.\n\nInstall\n-------\n\nSteps.\n\nDetails\n~~~~~~~\n\nMore.\n\nUsage\n-----\n\nUse.';
    const chunks = chunkDocument({ collection: 'c', source: 'g.rst', kind: 'rst', text });
    expect(chunks.map((chunk) => chunk.headings)).toEqual([
      ['Guide'],
      ['Guide', 'Install'],
      ['Guide', 'Install', 'Details'],
      ['Guide', 'Usage'],
    ]);
    expect(chunks[1]!.lines).toEqual([10, 10]);
  });

  it('reads a reStructuredText title inset between its overline and underline (a README.rst title)', () => {
    const text =
      '========\n Kilnkit\n========\n\n.. image:: badge.svg\n\nFires kilns.\n\nInstall\n=======\n\nSteps.\n\n' +
      'Example::\n\n    ----\n     not a title\n    ----\n';
    const chunks = chunkDocument({ collection: 'c', source: 'README.rst', kind: 'rst', text });
    expect(chunks.map((chunk) => chunk.headings)).toEqual([['Kilnkit'], ['Kilnkit', 'Install']]);
    expect(chunks[1]!.text).toContain('not a title');
  });

  it('a reference target alone before a title (MyST `(name)=`, rst `.. _name:`) is no chunk of its own', () => {
    const myst = md('(requirements-file-format)=\n\n# Requirements File Format\n\nOne requirement a line.\n');
    expect(myst.map((chunk) => [chunk.headings, chunk.lines])).toEqual([
      [['Requirements File Format'], [5, 5]],
    ]);
    const rst = chunkDocument({
      collection: 'c',
      source: 'pip_config.rst',
      kind: 'rst',
      text: '\n.. _`pip config`:\n\n==========\npip config\n==========\n\nManage settings.\n\n.. _usage:\n\nUsage\n=====\n\nRun it.',
    });
    expect(rst.map((chunk) => chunk.headings)).toEqual([['pip config'], ['pip config', 'Usage']]);
    expect(rst.map((chunk) => chunk.text).join('\n')).not.toContain('.. _');
    const prose = md('(a parenthesis)= is prose here, kept.\n\n# Title\n\nBody.\n');
    expect(prose[0]).toMatchObject({ headings: [], lines: [1, 1] });
  });

  it('chunks HTML by its headings, numbered by the lines of its extracted text', () => {
    const html = [
      '<html><head><title>T</title><script>var x = "<h1>no</h1>";</script></head>',
      '<body><nav class="sidebar"><h2>Menu</h2><div>link</div></nav>',
      '<h1>Vec &amp; friends</h1>',
      '<p>A contiguous',
      'growable array.</p>',
      '<h2>Examples</h2>',
      '<pre><code>let v = vec![1, 2];',
      '# hidden line',
      'v.push(3);</code></pre>',
      '</body></html>',
    ].join('\n');
    const chunks = chunkDocument({ collection: 'c', source: 'std/vec.html', kind: 'html', text: html });
    expect(chunks.map((chunk) => chunk.headings)).toEqual([['Vec & friends'], ['Vec & friends', 'Examples']]);
    expect(chunks[0]!.text).toBe('A contiguous growable array.');
    expect(chunks[0]!.lines).toEqual([2, 2]);
    expect(chunks[1]!.text).toContain('# hidden line');
    expect(chunks[1]!.lines).toEqual([4, 8]);
    const read = documentText('std/vec.html', '/docs/std/vec.html', html).text.split('\n');
    for (const chunk of chunks) {
      expect(read.slice(chunk.lines[0] - 1, chunk.lines[1]).join('\n')).toBe(chunk.text);
    }
    expect(chunks.some((chunk) => chunk.text.includes('Menu') || chunk.text.includes('var x'))).toBe(false);
  });

  it('keeps HTML headings as written: their text is not markdown (`__init__`, `*args`, `*const T`)', () => {
    const html =
      '<h1>API</h1><h3>__new__(*args, **kwargs) -&gt; Config</h3><p>Allow the legacy constructor.</p>' +
      '<h3>fn as_ptr(&amp;self) -&gt; *const T</h3><p>Returns a raw pointer to the buffer, valid while the vector lives and is not reallocated by a push.</p>';
    const chunks = chunkDocument({ collection: 'c', source: 'api.html', kind: 'html', text: html });
    expect(chunks[0]!.text).toContain('__new__(*args, **kwargs) -> Config');
    expect(chunks[0]!.text).toContain('fn as_ptr(&self) -> *const T');
    const alone = chunkDocument(
      { collection: 'c', source: 'api.html', kind: 'html', text: html },
      { maxTokens: 480, overlapTokens: 0, mergeTokens: 0 },
    );
    expect(alone.map((chunk) => chunk.headings.at(-1))).toEqual([
      '__new__(*args, **kwargs) -> Config',
      'fn as_ptr(&self) -> *const T',
    ]);
    expect(md('# A *fine* `thing`\n\ntext')[0]!.headings).toEqual(['A fine thing']);
  });

  it('merges runs of small sibling HTML sections under their parent, keeping their headings as text', () => {
    const methods = Array.from(
      { length: 6 },
      (_, i) => `<h3>fn method_${i}</h3>\n<p>Does thing ${i}.</p>`,
    ).join('\n');
    const html = `<h1>Vec</h1>\n<p>A growable array.</p>\n<h2>Methods</h2>\n${methods}\n<h2>Traits</h2>\n<p>Clone and Debug.</p>`;
    const chunks = chunkDocument({ collection: 'c', source: 'vec.html', kind: 'html', text: html });
    expect(chunks.map((chunk) => chunk.headings)).toEqual([['Vec'], ['Vec', 'Methods'], ['Vec', 'Traits']]);
    expect(chunks[1]!.text).toMatch(/^fn method_0\n+Does thing 0\./);
    expect(chunks[1]!.text).toContain('fn method_5');
    expect(chunks[1]!.lines).toEqual([4, 15]);
    // Sibling sections at the top of a page (Doxygen writes its steps as <h1> after the page title) keep
    // the first one's heading, usually the page title, instead of an empty path.
    const steps = chunkDocument({
      collection: 'c',
      source: 'starting.html',
      kind: 'html',
      text: '<h1>Getting started</h1><p>The tool reads a file.</p><h1>Step 1</h1><p>Write the file.</p>',
    });
    expect(steps.map((chunk) => chunk.headings)).toEqual([['Getting started']]);
    expect(steps[0]!.text).toContain('Step 1');
    // A few lines before the page title (Javadoc's module and package line) do not take its place.
    const javadoc = chunkDocument({
      collection: 'c',
      source: 'Vector.html',
      kind: 'html',
      text: '<div class="sub-title">Package java.util</div><h1>Class Vector</h1><p>A growable array of objects.</p>',
    });
    expect(javadoc.map((chunk) => chunk.headings)).toEqual([['Class Vector']]);
    const markdown = md('# A\n\n## B\n\nb\n\n## C\n\nc');
    expect(markdown.map((chunk) => chunk.headings)).toEqual([
      ['A', 'B'],
      ['A', 'C'],
    ]);
  });

  it("keeps each merged section's heading path and lines beside the chunk, its text and headings unchanged", () => {
    const methods = Array.from(
      { length: 3 },
      (_, i) => `<h3>fn method_${i}</h3>\n<p>Does thing ${i}.</p>`,
    ).join('\n');
    const html = `<h1>Vec</h1>\n<p>A growable array.</p>\n<h2>Methods</h2>\n${methods}`;
    const [intro, merged] = chunkDocument({ collection: 'c', source: 'vec.html', kind: 'html', text: html });
    expect(intro!.members).toBeUndefined();
    expect(merged!.headings).toEqual(['Vec', 'Methods']);
    expect(merged!.text).toBe(
      'fn method_0\nDoes thing 0.\n\nfn method_1\nDoes thing 1.\n\nfn method_2\nDoes thing 2.',
    );
    expect(merged!.lines).toEqual([4, 9]);
    expect(merged!.members).toEqual([
      { headings: ['Vec', 'Methods', 'fn method_0'], lines: [4, 5], from: 0 },
      { headings: ['Vec', 'Methods', 'fn method_1'], lines: [6, 7], from: 3 },
      { headings: ['Vec', 'Methods', 'fn method_2'], lines: [8, 9], from: 6 },
    ]);
    const lines = merged!.text.split('\n');
    for (const member of merged!.members!) expect(lines[member.from]).toBe(member.headings.at(-1));
    // Top-level siblings are cited under the heading that names them (the page title), by their own.
    const steps = chunkDocument({
      collection: 'c',
      source: 'starting.html',
      kind: 'html',
      text: '<p>Version 2.</p><h1>Getting started</h1><p>The tool reads a file.</p><h1>Step 1</h1><p>Write it.</p>',
    });
    expect(steps.map((chunk) => chunk.headings)).toEqual([['Getting started']]);
    expect(steps[0]!.members!.map((member) => member.headings)).toEqual([
      ['Getting started'],
      ['Getting started'],
      ['Getting started', 'Step 1'],
    ]);
    // Markdown keeps its sections, so it has no members.
    expect(md('# A\n\n## B\n\nb\n\n## C\n\nc').every((chunk) => chunk.members === undefined)).toBe(true);
  });

  it('gives each chunk of a merged run cut in two the members it holds, from the line each starts at', () => {
    const words = (n: number, word: string) => Array.from({ length: n }, () => word).join(' ');
    const html =
      `<h1>Guide</h1>\n<h2>Alpha</h2>\n<p>${words(20, 'alpha')}</p>\n<pre>${words(20, 'further')}</pre>\n` +
      `<h2>Beta</h2>\n<p>${words(44, 'beta')}</p>`;
    const chunks = chunkDocument(
      { collection: 'c', source: 'guide.html', kind: 'html', text: html },
      { maxTokens: 90, overlapTokens: 45, mergeTokens: 100 },
    );
    expect(chunks.map((chunk) => chunk.headings)).toEqual([['Guide'], ['Guide']]);
    expect(chunks.map((chunk) => chunk.members?.map((member) => member.headings.at(-1)))).toEqual([
      ['Alpha'],
      ['Alpha', 'Beta'],
    ]);
    // The second chunk starts with the first's last block (overlap), still Alpha's.
    const second = chunks[1]!;
    expect(second.text).toMatch(/^```\nfurther/);
    expect(second.members).toEqual([
      { headings: ['Guide', 'Alpha'], lines: [4, 6], from: 0 },
      { headings: ['Guide', 'Beta'], lines: [7, 8], from: 4 },
    ]);
    expect(second.text.split('\n')[4]).toBe('Beta');
  });
});
