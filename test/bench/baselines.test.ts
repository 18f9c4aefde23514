import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { listDocuments, readDocument } from '../../bench/lib/corpus.js';
import { createBm25OrRanker, createFts5AndRanker, ftsAndQuery } from '../../bench/retrieval/baselines.js';
import { distinctFiles } from '../../bench/retrieval/rankers.js';
import { selectFiles } from '../../src/retrieval/documents/selection.js';
import { tempDir } from '../temp-dirs.js';

/** A tiny corpus: three documents about different things plus files the bench must ignore. */
function makeCorpus(): string {
  const root = tempDir('corpus-');
  mkdirSync(join(root, 'sub'));
  mkdirSync(join(root, '.hidden'));
  writeFileSync(
    join(root, 'gpu.md'),
    '# GPU\nDispatch to the GPU only when compute outweighs the PCIe transfer.\n',
  );
  writeFileSync(join(root, 'sub', 'simd.txt'), 'SIMD vectors speed up element-wise loops on the CPU.\n');
  writeFileSync(
    join(root, 'sub', 'page.html'),
    '<p>Tracing syscalls with <b>renacer</b> compares programs.</p>',
  );
  writeFileSync(join(root, 'image.png'), 'not a document');
  writeFileSync(join(root, '.hidden', 'x.md'), 'GPU GPU GPU');
  return root;
}

describe('corpus listing', () => {
  it('keeps md/txt/rst/html under the root, sorted, with forward slashes', () => {
    expect(listDocuments(makeCorpus())).toEqual(['gpu.md', 'sub/page.html', 'sub/simd.txt']);
  });

  it('lists the documents the engine indexes: gzipped pages in, generated pages out', () => {
    const root = makeCorpus();
    const guide = '# Kettles\n\nDescale the kettle with citric acid every month.\n';
    writeFileSync(join(root, 'kettles.md.gz'), gzipSync(guide));
    for (const marker of ['searchindex.js', 'objects.inv']) writeFileSync(join(root, marker), 'x');
    mkdirSync(join(root, '_static'));
    writeFileSync(join(root, 'genindex.html'), '<p>Index</p>');
    const listed = listDocuments(root);
    expect(listed).toEqual(selectFiles(root).files.map((file) => file.source));
    expect(listed).toContain('kettles.md.gz');
    expect(listed).not.toContain('genindex.html');
    expect(readDocument(root, 'kettles.md.gz')).toBe(guide);
    expect(readDocument(root, 'sub/page.html')).toBe('Tracing syscalls with renacer compares programs.');
  });
});

describe('baseline rankers', () => {
  it('BM25-OR finds a document sharing any content word', async () => {
    const root = makeCorpus();
    const ranker = createBm25OrRanker();
    await ranker.prepare(root, listDocuments(root));
    expect((await ranker.rank('Which costs more, the PCIe copy or the work?'))[0]).toBe('gpu.md');
    expect(await ranker.rank('How are syscalls traced?')).toEqual(['sub/page.html']);
    expect(await ranker.rank('the of and')).toEqual([]);
  });

  it('FTS5-AND needs every question word in one chunk (porter stems them)', async () => {
    const root = makeCorpus();
    const ranker = createFts5AndRanker();
    await ranker.prepare(root, listDocuments(root));
    expect(await ranker.rank('SIMD loops')).toEqual(['sub/simd.txt']);
    expect(await ranker.rank('tracing syscall')).toEqual(['sub/page.html']);
    expect(await ranker.rank('How do SIMD loops work?')).toEqual([]);
    expect(await ranker.rank('?!')).toEqual([]);
    ranker.close?.();
  });

  it('quotes every word of the question for FTS5', () => {
    expect(ftsAndQuery('What is "trueno"?')).toBe('"what" AND "is" AND "trueno"');
  });

  it('collapse chunk hits into distinct files in order', () => {
    expect(distinctFiles(['a', 'b', 'a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
    expect(distinctFiles(['a', 'b', 'c'], 2)).toEqual(['a', 'b']);
  });
});
