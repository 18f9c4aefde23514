import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  changedShare,
  needsReadaptation,
  READAPT_SHARE,
  readAdaptRecord,
  writeAdaptRecord,
} from '../../../src/retrieval/adapt/policy.js';
import { collectionFiles } from '../../../src/retrieval/dense/vector-files.js';
import { indexCollection } from '../../../src/retrieval/indexing/indexer.js';
import { currentAdaptedDir } from '../../../src/retrieval/models/provider.js';
import type { Embedder, ModelProvider } from '../../../src/retrieval/types.js';
import { IndexStore } from '../../../src/store/index-store.js';
import { tempDir } from '../../temp-dirs.js';
import { createFakeEmbedder, createFakeReranker, writeFakeAdaptedVersion } from '../fakes.js';

const tmp = tempDir('adapt-policy-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('changedShare', () => {
  const record = { version: 'v-000000000001', chunks: 100, maxChunkId: 100 };

  it('counts chunks added, changed or removed against the adapted collection', () => {
    expect(changedShare(record, { chunks: 100, survivors: 100 })).toBe(0);
    expect(changedShare(record, { chunks: 110, survivors: 100 })).toBeCloseTo(0.1);
    // One file's 5 chunks replaced in place: counted once.
    expect(changedShare(record, { chunks: 100, survivors: 95 })).toBeCloseTo(0.05);
    expect(changedShare(record, { chunks: 70, survivors: 70 })).toBeCloseTo(0.3);
  });

  it('asks for re-adaptation only above the share', () => {
    expect(needsReadaptation(record, { chunks: 100 + 100 * READAPT_SHARE, survivors: 100 })).toBe(false);
    expect(needsReadaptation(record, { chunks: 101 + 100 * READAPT_SHARE, survivors: 100 })).toBe(true);
  });
});

describe('adaptation record', () => {
  it('belongs to one adapted version and is ignored once another is current', () => {
    const modelDir = join(tmp, 'record');
    mkdirSync(modelDir);
    writeAdaptRecord(modelDir, 10, 12);
    expect(readAdaptRecord(modelDir)).toBeNull();
    writeFileSync(join(modelDir, 'current.json'), '{"version":"v-000000000001"}\n');
    writeAdaptRecord(modelDir, 10, 12);
    expect(readAdaptRecord(modelDir)).toEqual({ version: 'v-000000000001', chunks: 10, maxChunkId: 12 });
    writeFileSync(join(modelDir, 'current.json'), '{"version":"v-000000000002"}\n');
    expect(readAdaptRecord(modelDir)).toBeNull();
    writeFileSync(join(modelDir, 'adapted-from.json'), 'not json');
    expect(readAdaptRecord(modelDir)).toBeNull();
  });
});

/** A provider whose n-th adaptation writes version n and returns embedder "fake-adapted/n". */
function countingModels(): ModelProvider & { adaptations: number } {
  const byVersion = new Map<string, Embedder>();
  const provider = {
    adaptations: 0,
    async embedder(modelDir: string | null) {
      const dir = modelDir === null ? null : currentAdaptedDir(modelDir);
      return dir === null ? createFakeEmbedder('fake-base/1') : byVersion.get(dir.slice(-14))!;
    },
    async adapt(_texts: readonly string[], modelDir: string) {
      provider.adaptations += 1;
      const version = `v-${String(provider.adaptations).padStart(12, '0')}`;
      const embedder = createFakeEmbedder(`fake-adapted/${provider.adaptations}`);
      byVersion.set(version, embedder);
      writeFakeAdaptedVersion(modelDir, version);
      return embedder;
    },
    reranker: async () => createFakeReranker(),
  };
  return provider;
}

describe('re-adaptation when the collection changed substantially', () => {
  const root = join(tmp, 'docs');
  mkdirSync(root);
  const names = Array.from({ length: 8 }, (_, i) => `topic-${i}.md`);
  const write = (name: string, extra = '') =>
    writeFileSync(join(root, name), `# ${name}\n\nText about ${name} and its kernels.${extra}\n`);
  for (const name of names) write(name);
  const dbPath = join(tmp, 'index.db');
  const models = countingModels();
  const run = async () => {
    const store = IndexStore.open(dbPath);
    try {
      return await indexCollection({ name: 'docs', root, store, models, ...collectionFiles(dbPath, 'docs') });
    } finally {
      store.close();
    }
  };

  it('keeps the model for a one-file change and re-adapts once a quarter of the chunks changed', async () => {
    expect(await run()).toMatchObject({ embedder: 'fake-adapted/1', added: 8 });
    write(names[0]!, ' Edited once.');
    expect(await run()).toMatchObject({ embedder: 'fake-adapted/1', updated: 1, embedded: 1 });
    expect(models.adaptations).toBe(1);
    // Two more files changed: 3 of 8 chunks replaced since the adaptation.
    write(names[1]!, ' Edited.');
    write(names[2]!, ' Edited.');
    expect(await run()).toMatchObject({ embedder: 'fake-adapted/2', updated: 2, embedded: 8 });
    expect(models.adaptations).toBe(2);
    expect(await run()).toMatchObject({ embedder: 'fake-adapted/2', unchanged: 8, embedded: 0 });
  });

  it('counts removed files as change too', async () => {
    for (const name of names.slice(5)) unlinkSync(join(root, name));
    expect(await run()).toMatchObject({ embedder: 'fake-adapted/3', removed: 3 });
  });
});
