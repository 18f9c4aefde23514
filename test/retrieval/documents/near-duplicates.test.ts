import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, type FoundFile } from '../../../src/retrieval/documents/files.js';
import { familyOf, nearDuplicates } from '../../../src/retrieval/documents/near-duplicates.js';
import { tempDir } from '../../temp-dirs.js';

const dir = tempDir('batuta-near-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(source: string, text: string): FoundFile {
  const path = join(dir, source);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return { source, path, size: Buffer.byteLength(text), mtime: 0, kind: 'html' };
}

const body = (title: string, extra = '') =>
  `<h1>${title}</h1><p>${Array.from({ length: 30 }, (_, i) => `A warp thread number ${i} runs along the loom and holds the weave.`).join(' ')}${extra}</p>`;

describe('nearDuplicates', () => {
  it('keeps the first of two pages of the same name whose text is nearly the same', () => {
    const files = [
      file('alloc/struct.Vec.html', body('Struct alloc::Vec')),
      file('std/struct.Vec.html', body('Struct std::Vec')),
    ];
    expect([...nearDuplicates(files)]).toEqual([['std/struct.Vec.html', 'alloc/struct.Vec.html']]);
  });

  it('leaves pages of other names, different text or short stubs alone', () => {
    const other = file('a/other.html', body('Other'));
    const differs = file('b/struct.Map.html', body('Map'));
    const unlike = file(
      'c/struct.Map.html',
      '<p>A completely different page about ordered maps and their keys, written by hand.</p>'.repeat(20),
    );
    const stubA = file('d/moved.html', '<p>This page has moved.</p>');
    const stubB = file('e/moved.html', '<p>This page has moved.</p>');
    expect(nearDuplicates([other, differs, unlike, stubA, stubB]).size).toBe(0);
  });

  it('a short page is a copy when its words are the same, whatever its links around them say', () => {
    const entry = (folder: string, next: string, words: string) =>
      file(
        `${folder}/glaze.depth.html`,
        `<div class="navheader"><a href="${next}.html">Next</a></div><h2>glaze.depth</h2><p>glaze.depth — Depth of a drawn glaze layer</p><h2>Synopsis</h2><pre>&lt;xsl:param name="glaze.depth" select="4"&gt;</pre><h2>Description</h2><p>${words}</p><div class="navfooter"><a href="${next}.html">Next</a> ${next}</div>`,
      );
    const fo = entry('fo', 'paper.type', 'If non-zero, pots show their glaze layer.');
    const html = entry('html', 'kiln.stylesheet', 'If non-zero, pots show their glaze layer.');
    const other = entry('pi', 'kiln.stylesheet', 'If non-zero, pots show their glaze layer twice.');
    expect([...nearDuplicates([fo, html, other])]).toEqual([
      ['html/glaze.depth.html', 'fo/glaze.depth.html'],
    ]);
  });

  it('an API page written twice under two names in one folder is a copy: gi-docgen kinds, Doxygen specialisations', () => {
    const twins = [
      file('Reel/method.Spool.wind.html', body('Method Spool.wind')),
      file('Reel/vfunc.Spool.wind.html', body('Virtual method Spool.wind')),
      file('cpp/classloom_1_1shuttle_3_01T__yarn_00_01nil_01_4.html', body('shuttle< T_yarn, nil >')),
      file('cpp/classloom_1_1shuttle_3_01T__yarn_07_08_4.html', body('shuttle< T_yarn()>')),
    ];
    expect(nearDuplicates(twins)).toEqual(
      new Map([
        ['Reel/vfunc.Spool.wind.html', 'Reel/method.Spool.wind.html'],
        [
          'cpp/classloom_1_1shuttle_3_01T__yarn_07_08_4.html',
          'cpp/classloom_1_1shuttle_3_01T__yarn_00_01nil_01_4.html',
        ],
      ]),
    );
  });

  it('twin names with different text, or in another folder, are left alone', () => {
    const pages = [
      file('Knit/method.Spool.wind.html', body('Method Spool.wind')),
      file(
        'Knit/vfunc.Spool.wind.html',
        '<p>Subclasses decide how the spool takes up slack when it winds.</p>'.repeat(20),
      ),
      file('Other/vfunc.Spool.rest.html', body('Virtual method Spool.rest')),
      file('Third/method.Spool.rest.html', body('Method Spool.rest')),
    ];
    expect(nearDuplicates(pages).size).toBe(0);
  });

  it('familyOf names the member behind a kind or template arguments, and nothing else', () => {
    const at = (source: string) => familyOf({ source, path: source, size: 0, mtime: 0, kind: 'html' });
    expect(at('Pango/vfunc.Font.describe.html')).toBe(at('Pango/method.Font.describe.html'));
    expect(at('Pango/vfunc.Font.describe.html')).not.toBe(at('Other/method.Font.describe.html'));
    expect(at('html/classsigc_1_1signal_3_01T__return_07_08_4.html')).toBe(
      at('html/classsigc_1_1signal_3_01T__return_00_01nil_01_4.html'),
    );
    for (const source of [
      'class.Font.html',
      'fo/glaze.depth.html',
      'index.html',
      'Font.describe.html',
      'notes.txt',
    ])
      expect(at(source)).toBeNull();
  });
});

describe('decodeText', () => {
  it('reads UTF-8, a declared charset, and Latin-1 without a declaration; refuses mostly high bytes', () => {
    expect(decodeText(Buffer.from('filé', 'utf8'))).toBe('filé');
    const koi8 = Buffer.concat([Buffer.from('<meta charset="koi8-r"><p>'), Buffer.from([0xd0, 0xd2, 0xc9])]);
    expect(decodeText(koi8)).toContain('при');
    expect(decodeText(Buffer.from('<p>filé à la main</p>', 'latin1'))).toBe('<p>filé à la main</p>');
    expect(decodeText(Buffer.from([0xff, 0xfe, 0xfd, 0xfc, 0x41]))).toBeNull();
  });
});
