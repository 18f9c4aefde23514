/** Deterministic stand-ins for the models, injected into the retrieval code under test. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Chunk, Embedder, ModelProvider, Reranker } from '../../src/retrieval/types.js';
import { analyze } from '../../src/text/analyze.js';

function hash(term: string): number {
  let h = 2166136261;
  for (let i = 0; i < term.length; i += 1) h = Math.imul(h ^ term.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Hashed bag-of-words vectors, unit length: texts sharing words get similar vectors. */
export function createFakeEmbedder(
  id = 'fake-bow/1',
  dimension = 64,
): Embedder & { calls: number; texts: number } {
  const embedder = {
    id,
    dimension,
    calls: 0,
    texts: 0,
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      embedder.calls += 1;
      embedder.texts += texts.length;
      return texts.map((text) => {
        const vector = new Float32Array(dimension);
        for (const term of analyze(text)) vector[hash(term) % dimension]! += 1;
        const norm = Math.hypot(...vector) || 1;
        return vector.map((value) => value / norm);
      });
    },
  };
  return embedder;
}

/** Scores a chunk by how many distinct question terms its text holds. */
export function createFakeReranker(): Reranker {
  return {
    id: 'fake-overlap/1',
    async score(question: string, chunks: readonly Chunk[]): Promise<number[]> {
      const terms = new Set(analyze(question));
      return chunks.map((chunk) => new Set(analyze(chunk.text).filter((term) => terms.has(term))).size);
    },
  };
}

/** A provider over the fakes, without adaptation unless asked. */
export function createFakeModels(embedder: Embedder = createFakeEmbedder()): ModelProvider {
  return {
    embedder: async () => embedder,
    reranker: async () => createFakeReranker(),
  };
}

/**
 * What a fake provider's adaptation leaves in `modelDir`: an (empty) model version with its manifest,
 * made current by the pointer file, as adapt/store.ts does.
 */
export function writeFakeAdaptedVersion(modelDir: string, version: string): void {
  mkdirSync(join(modelDir, version), { recursive: true });
  writeFileSync(join(modelDir, version, 'manifest.json'), '{"files":{}}\n');
  writeFileSync(join(modelDir, 'current.json'), `${JSON.stringify({ version })}\n`);
}
