import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_FEATURE_COUNT, FILE_FEATURE_NAMES } from '../../../src/retrieval/rerank/file-features.js';
import { headingQuestions } from '../../../src/retrieval/train/rerank-data.js';
import { storedRecorder } from '../../../src/retrieval/train/stored-heads.js';
import { chunkCorpus, memoryRecorder, recordHeads } from '../../../src/retrieval/train/training-heads.js';
import { tempDir } from '../../temp-dirs.js';
import { createFakeEmbedder, createFakeModels } from '../fakes.js';

const body = (topic: string) =>
  Array.from({ length: 12 }, (_, i) => `The ${topic} subsystem handles case ${i} with care and detail.`).join(
    ' ',
  );
const page = (title: string, sections: readonly string[]) =>
  `# ${title}\n\nIntro ${body(title.toLowerCase())}\n\n${sections.map((s) => `## ${s}\n\n${body(s.split(' ')[0]!.toLowerCase())}`).join('\n\n')}\n`;
const TEXT = [
  page('Storage Engine', ['Write Ahead Logging Rules', 'Buffer Cache Eviction']),
  page('Network Layer', ['Socket Timeout Handling', 'Packet Retry Policy']),
  page('Query Planner', ['Join Order Search', 'Index Selection Costs']),
].join('\f');
const LIMITS = { maxBytes: 1e6, maxQuestions: 10, seed: 1 };

describe('training heads recorded as a stored collection searches', () => {
  const corpus = headingQuestions('pkg', TEXT, { ...LIMITS, unit: 'page' });

  it('offers each question the head of the indexed collection, its files named as in the corpus', async () => {
    const heads = await storedRecorder(createFakeModels())('pkg', corpus);
    expect(heads.map((h) => h.id)).toEqual(corpus.questions.map((q) => q.id));
    const paths = new Set(corpus.docs.map((d) => d.path));
    for (const head of heads) {
      expect(head.files.length).toBeGreaterThan(0);
      expect(head.files.every((f) => paths.has(f))).toBe(true);
      expect(head.rows).toHaveLength(head.files.length);
      for (const row of head.rows) expect(row).toHaveLength(FILE_FEATURE_COUNT);
    }
    const storage = heads.find((h) => h.question === 'Buffer Cache Eviction')!;
    expect(storage.files[0]).toBe(Object.keys(storage.relevant)[0]);
  });

  it('reads BM25 through FTS5, not the in-memory index: the bm25_rel column differs from the memory path', async () => {
    const embedder = createFakeEmbedder();
    const stored = await storedRecorder(createFakeModels(embedder))('pkg', corpus);
    const memory = await memoryRecorder(async () => embedder)('pkg', corpus);
    const direct = await recordHeads(chunkCorpus(corpus.docs, 'pkg'), embedder, corpus.questions);
    expect(memory.map((h) => h.rows)).toEqual(direct.map((h) => h.rows));
    const bm25 = FILE_FEATURE_NAMES.indexOf('bm25_rel');
    const column = (heads: typeof stored) => heads.flatMap((h) => h.rows.map((row) => row[bm25]));
    expect(column(stored)).not.toEqual(column(memory));
  });

  it('indexes a kept collection once and searches it again with the same heads', async () => {
    const keep = tempDir('stored-heads-keep');
    const record = storedRecorder(createFakeModels(), keep);
    const first = await record('pkg', corpus);
    const [folder] = readdirSync(keep);
    expect(readdirSync(keep)).toHaveLength(1);
    expect(readdirSync(join(keep, folder!))).toContain('indexed');
    const again = await record('pkg', corpus);
    expect(readdirSync(keep)).toEqual([folder]);
    expect(again.map((h) => [h.files, h.rows])).toEqual(first.map((h) => [h.files, h.rows]));
  });
});
