/**
 * The compilation pass reuses the previous run's judgement: a page whose stamp (size and mtime) holds is not
 * read again, the verdicts stand when no page changed, came or went, and every selection that reuses gives
 * what a selection from scratch gives — also when a new page is a compilation of old ones, or new pages make
 * an old page one.
 */
import { cpSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Judgement } from '../../../src/retrieval/documents/compilations.js';
import type { FoundFile } from '../../../src/retrieval/documents/files.js';
import { createPageReads, type PageReads } from '../../../src/retrieval/documents/page-reads.js';
import { type Selection, selectFiles } from '../../../src/retrieval/documents/selection.js';
import { decodePagesRecord, encodePagesRecord } from '../../../src/retrieval/indexing/pages-record.js';
import { tempDir } from '../../temp-dirs.js';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/doc-builders/compilation');
const home = tempDir('batuta-compilation-reuse-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Page reads that remember which pages the selection read. */
function recordedReads(): PageReads & { readonly sources: string[] } {
  const reads = createPageReads();
  const sources: string[] = [];
  return {
    sources,
    read: (file: FoundFile) => {
      sources.push(file.source);
      return reads.read(file);
    },
    htmlPage: reads.htmlPage,
    take: reads.take,
  };
}

/** What a selection decides, without the judgement's object identities. */
const decided = (selection: Selection) => ({
  files: selection.files.map((file) => file.source),
  skipped: selection.skipped,
  judgement: JSON.parse(encodePagesRecord(selection.judgement)),
});

/** Selects `root` reusing `previous` (through its stored text), checks it against a selection from scratch. */
function reselect(root: string, previous: Judgement) {
  const reads = recordedReads();
  const stored = decodePagesRecord(encodePagesRecord(previous));
  expect(stored).toBeDefined();
  const selection = selectFiles(root, {}, { reads, previous: stored });
  expect(decided(selection)).toEqual(decided(selectFiles(root)));
  return { selection, read: reads.sources };
}

/** Rewrites a page with a new mtime (a second later than before, whatever the clock's resolution). */
function rewrite(path: string, text: string): void {
  const before = statSync(path).mtimeMs;
  writeFileSync(path, text);
  utimesSync(path, new Date(), new Date(before + 1000));
}

describe('the compilation pass reuses what the previous run judged', () => {
  it('reads no page when nothing changed, and reaches the same verdicts', () => {
    const root = join(home, 'same');
    cpSync(FIXTURE, root, { recursive: true });
    const first = selectFiles(root);
    expect(first.judgement.compilations.has('guide.html')).toBe(true);
    const again = reselect(root, first.judgement);
    expect(again.read).toEqual([]);
    expect(again.selection.skipped.map((skip) => skip.rule)).toEqual(['compilation']);
  });

  it('reads only the page whose stamp changed', () => {
    const root = join(home, 'one-changed');
    cpSync(FIXTURE, root, { recursive: true });
    const first = selectFiles(root);
    const page = join(root, 'kilns.html');
    rewrite(page, readFileSync(page, 'utf8').replace('</body>', '<p>Vent the kiln early.</p></body>'));
    expect(reselect(root, first.judgement).read).toEqual(['kilns.html']);
  });

  it('a new page that puts old pages together is a compilation', () => {
    const root = join(home, 'new-compilation');
    cpSync(FIXTURE, root, { recursive: true });
    unlinkSync(join(root, 'guide.html'));
    const first = selectFiles(root);
    expect(first.skipped).toEqual([]);
    const parts = ['wedging', 'clay', 'kilns', 'glazes', 'firing'].map((name) =>
      readFileSync(join(root, `${name}.html`), 'utf8'),
    );
    writeFileSync(join(root, 'book.html'), `<html><body><h1>The book</h1>${parts.join('\n')}</body></html>`);
    const again = reselect(root, first.judgement);
    expect(again.read).toEqual(['book.html']);
    expect(again.selection.skipped.map((skip) => [skip.source, skip.rule])).toEqual([
      ['book.html', 'compilation'],
    ]);
  });

  it('new pages can make an old page a compilation (and the old page is not read again)', () => {
    const root = join(home, 'new-parts');
    cpSync(FIXTURE, root, { recursive: true });
    const held = ['glazes.html', 'firing.html', 'kilns.html'].map((name) => {
      const text = readFileSync(join(root, name), 'utf8');
      unlinkSync(join(root, name));
      return [name, text] as const;
    });
    const first = selectFiles(root);
    expect(first.files.map((file) => file.source)).toContain('guide.html');
    for (const [name, text] of held) writeFileSync(join(root, name), text);
    const again = reselect(root, first.judgement);
    expect(again.read.sort()).toEqual(['firing.html', 'glazes.html', 'kilns.html']);
    expect(again.selection.skipped.map((skip) => [skip.source, skip.rule])).toEqual([
      ['guide.html', 'compilation'],
    ]);
  });

  it('when parts are gone the verdicts are taken again (from stored shingles, reading nothing)', () => {
    const root = join(home, 'parts-gone');
    cpSync(FIXTURE, root, { recursive: true });
    const first = selectFiles(root);
    for (const name of ['glazes.html', 'firing.html', 'kilns.html']) unlinkSync(join(root, name));
    const again = reselect(root, first.judgement);
    expect(again.read).toEqual([]);
    expect(again.selection.files.map((file) => file.source)).toContain('guide.html');
  });

  it('a stored record written another way, or damaged, is not used (every page is read)', () => {
    const root = join(home, 'damaged');
    cpSync(FIXTURE, root, { recursive: true });
    const text = encodePagesRecord(selectFiles(root).judgement);
    expect(decodePagesRecord(text.replace(/"shingling":"[^"]+"/, '"shingling":"other"'))).toBeUndefined();
    // Hub and compilation verdicts reached by other rules (or a record from before the rule was stamped) are judged again.
    expect(decodePagesRecord(text)).toBeDefined();
    expect(decodePagesRecord(text.replace(/"verdicts":"[^"]+"/, '"verdicts":"links-v1"'))).toBeUndefined();
    expect(decodePagesRecord(text.replace(/"verdicts":"[^"]+",/, ''))).toBeUndefined();
    expect(decodePagesRecord(text.slice(0, -5))).toBeUndefined();
    expect(decodePagesRecord(null)).toBeUndefined();
  });
});
