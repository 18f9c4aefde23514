/**
 * Searches of a stored collection give the same results whether the models are computed in JavaScript
 * (the shipped provider) or run by onnxruntime from the same model files, as searches did before: same
 * files, same order, scores and raw leg scores within 1e-9, in every mode.
 */
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentAdaptedDir } from '../../../src/retrieval/adapt/store.js';
import {
  EMBEDDER_FILE,
  parseVocabulary,
  readInputVectors,
  readManifest,
} from '../../../src/retrieval/dense/model-files.js';
import { collectionFiles } from '../../../src/retrieval/dense/vector-files.js';
import { indexFolder } from '../../../src/retrieval/indexing/index-folder.js';
import { createModelProvider, shippedModelDir } from '../../../src/retrieval/models/provider.js';
import { createSession } from '../../../src/retrieval/onnx/session.js';
import { similarityGraph } from '../../../src/retrieval/onnx/similarity-graph.js';
import {
  chunksPerFile,
  FILE_FEATURE_COUNT,
  fileFeatures,
  isNaturalQuestion,
} from '../../../src/retrieval/rerank/file-features.js';
import {
  FILE_RERANKER_FILE,
  FILE_RERANKER_FIRST_STAGE,
  naturalMatching,
} from '../../../src/retrieval/rerank/file-reranker.js';
import type { WordSimilarities } from '../../../src/retrieval/rerank/similarity.js';
import { openTranslationTable } from '../../../src/retrieval/rerank/translation-table.js';
import type { SearchRequest } from '../../../src/retrieval/search/hybrid.js';
import { createSearcher } from '../../../src/retrieval/search/searcher.js';
import type { Embedder, ModelProvider, Reranker } from '../../../src/retrieval/types.js';
import { featureVocabulary } from '../../../src/retrieval/wordvec/feature-vocabulary.js';
import { tokenizeForModel } from '../../../src/text/model-tokens.js';
import { tempDir } from '../../temp-dirs.js';

const REPO = resolve(import.meta.dirname, '../../..');
const home = tempDir('onnxruntime-identical-');
const dbPath = join(home, 'index.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The word embedder of a model folder run by onnxruntime, in batches of 64 padded to the longest. */
async function onnxruntimeEmbedder(dir: string, id: string): Promise<Embedder> {
  const session = await createSession(readFileSync(join(dir, `${EMBEDDER_FILE}.onnx`)));
  const vocabPath = join(dir, `${EMBEDDER_FILE}.vocab.txt`);
  const { dim, words, counts } = parseVocabulary(readFileSync(vocabPath, 'utf8'), vocabPath);
  const index = new Map(words.map((word, i) => [word, i]));
  const batch = async (texts: readonly string[]) => {
    const encoded = texts.map((text) => tokenizeForModel(text).flatMap((token) => index.get(token) ?? []));
    const length = Math.max(1, ...encoded.map((ids) => ids.length));
    const ids = new BigInt64Array(texts.length * length);
    const mask = new Float32Array(texts.length * length);
    encoded.forEach((row, b) => {
      row.forEach((word, t) => {
        ids[b * length + t] = BigInt(word);
        mask[b * length + t] = 1;
      });
    });
    const result = await session.run({
      ids: new ort.Tensor('int64', ids, [texts.length, length]),
      mask: new ort.Tensor('float32', mask, [texts.length, length]),
    });
    const data = result['embedding']!.data as Float32Array;
    return texts.map((_, b) => data.slice(b * dim, (b + 1) * dim));
  };
  const binPath = join(dir, `${EMBEDDER_FILE}.vectors.bin`);
  const input = readInputVectors(readFileSync(binPath), words.length, dim, binPath);
  const vocabulary = featureVocabulary(words, counts, dim, input);
  return {
    id,
    dimension: dim,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += 64)
        out.push(...(await batch(texts.slice(start, start + 64))));
      return out;
    },
    vocabulary: () => vocabulary,
  };
}

/** The shipped file reranker run by onnxruntime, its soft-match cosines too (and its translation table). */
async function onnxruntimeReranker(): Promise<Reranker> {
  const session = await createSession(readFileSync(join(shippedModelDir(), FILE_RERANKER_FILE)));
  const rebuild = 'run npm run train:models';
  const translation = openTranslationTable(
    shippedModelDir(),
    readManifest(shippedModelDir(), rebuild),
    rebuild,
  );
  const products = await createSession(similarityGraph());
  const similarities: WordSimilarities = async (vocab, ids, queries, count) => {
    if (ids.length === 0 || count === 0) return new Float32Array(0);
    const transposed = new Float32Array(vocab.dim * count);
    for (let q = 0; q < count; q++)
      for (let k = 0; k < vocab.dim; k++) transposed[k * count + q] = queries[q * vocab.dim + k]!;
    const result = await products.run({
      table: new ort.Tensor('float32', vocab.unitRows(ids), [ids.length, vocab.dim]),
      ids: new ort.Tensor(
        'int32',
        Int32Array.from(ids, (_, i) => i),
        [ids.length],
      ),
      queries: new ort.Tensor('float32', transposed, [vocab.dim, count]),
    });
    return result['cosines']!.data as Float32Array;
  };
  // The same model as the shipped reranker: the same id (a collection's reranker share is kept for that
  // id) and the same first stage to read.
  return {
    id: (await createModelProvider().reranker())!.id,
    firstStage: FILE_RERANKER_FIRST_STAGE,
    score: async () => [],
    async scoreCandidates(question, head, embedder) {
      if (head.length === 0) return [];
      const natural = isNaturalQuestion(question);
      const soft = natural ? naturalMatching(embedder, similarities) : undefined;
      const rows = await fileFeatures(question, head, soft, natural ? translation : undefined);
      const result = await session.run({
        features: new ort.Tensor('float32', Float32Array.from(rows.flat()), [
          head.length,
          FILE_FEATURE_COUNT,
        ]),
        multi: new ort.Tensor('float32', Float32Array.from([chunksPerFile(head)]), [1]),
        natural: new ort.Tensor('float32', Float32Array.from([natural ? 1 : 0]), [1]),
      });
      return Array.from(result['score']!.data as Float32Array);
    },
  };
}

const QUESTIONS = [
  'How do I pick the compute backend for a matrix multiply?',
  'quality gates of validation',
  'which component replaces pandas',
  'how long to hold the glaze firing at peak',
  'transpile python to rust',
  'What is a kiln schedule?',
  'vector search',
];

describe('models computed in JavaScript rank as onnxruntime did', () => {
  const shipped = createModelProvider();
  let reference: ModelProvider;
  beforeAll(async () => {
    const folder = join(home, 'docs');
    cpSync(join(REPO, 'specs'), folder, { recursive: true });
    cpSync(join(REPO, 'test/fixtures/html-pages'), join(folder, 'pages'), { recursive: true });
    await indexFolder({ dbPath, root: folder, name: 'docs', models: shipped });
    const reranker = await onnxruntimeReranker();
    const { modelDir } = collectionFiles(dbPath, 'docs');
    reference = {
      async embedder(dir, wanted) {
        const real = await shipped.embedder(dir, wanted);
        return onnxruntimeEmbedder(currentAdaptedDir(modelDir) ?? shippedModelDir(), real.id);
      },
      reranker: async () => reranker,
    };
  });

  it('gives the same files, order and scores in every mode', async () => {
    const mine = createSearcher({ dbPath, models: shipped, specsSnapshot: null });
    const theirs = createSearcher({ dbPath, models: reference, specsSnapshot: null });
    const modes: Array<Pick<SearchRequest, 'mode' | 'rerank'>> = [
      { mode: 'hybrid', rerank: true },
      { mode: 'hybrid', rerank: false },
      { mode: 'dense', rerank: true },
      { mode: 'bm25', rerank: true },
    ];
    let reranked = 0;
    for (const question of QUESTIONS)
      for (const mode of modes) {
        const request = { question, k: 10, explain: true, ...mode };
        const a = await mine.search('docs', request);
        const b = await theirs.search('docs', request);
        const label = `${question} (${mode.mode}${mode.rerank ? '' : ', no rerank'})`;
        expect(a.notes, label).toEqual(b.notes);
        expect(
          a.results.map((r) => r.source),
          label,
        ).toEqual(b.results.map((r) => r.source));
        a.results.forEach((result, i) => {
          const other = b.results[i]!;
          expect(Math.abs(result.score - other.score), label).toBeLessThanOrEqual(1e-9);
          for (const leg of ['bm25', 'dense', 'rerank'] as const) {
            const x = result.explain?.[leg];
            const y = other.explain?.[leg];
            expect(x === undefined ? y : Math.abs(x - y!), `${label} ${leg}`).toSatisfy(
              (d: number | undefined) => d === undefined || d <= 1e-9,
            );
          }
        });
        if (a.reranked) reranked += 1;
      }
    expect(reranked).toBeGreaterThan(QUESTIONS.length);
    await mine.close();
    await theirs.close();
  });
});
