import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatutaError } from '../../../src/errors.js';
import {
  EMBEDDER_FILE,
  parseVocabulary,
  parseVocabularyIndex,
  readEmbedderWords,
  verifyModelFiles,
  WORDS_SUFFIX,
  writeWordModel,
} from '../../../src/retrieval/dense/model-files.js';
import { createModelProvider } from '../../../src/retrieval/models/provider.js';
import { dequantizeRows, quantizeRows, sifWeights } from '../../../src/retrieval/onnx/embedder-graph.js';
import { featureVocabulary } from '../../../src/retrieval/wordvec/feature-vocabulary.js';
import type { WordVectors } from '../../../src/retrieval/wordvec/skipgram.js';
import { tokenizeForModel } from '../../../src/text/model-tokens.js';
import { tempDir } from '../../temp-dirs.js';

/** Three words on three axes, equal counts, so the pooled vector is easy to predict. */
function tinyVectors(): WordVectors {
  return {
    words: ['vector', 'database', 'shell'],
    counts: Float64Array.from([10, 10, 10]),
    dim: 3,
    input: Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]),
    output: Float32Array.from([0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5]),
  };
}

function writeModel(vectors = tinyVectors()): string {
  const dir = tempDir('embed-model-');
  const files = writeWordModel(dir, vectors);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files }));
  return dir;
}

describe('tokenizeForModel', () => {
  it('splits identifiers into sub-tokens and keeps the whole', () => {
    expect(tokenizeForModel('HashMap trueno-db read_csv')).toEqual([
      'hashmap',
      'hash',
      'map',
      'trueno-db',
      'trueno',
      'db',
      'read_csv',
      'read',
      'csv',
    ]);
  });

  it('drops long numbers and keeps short ones', () => {
    expect(tokenizeForModel('port 8808 id 123456')).toEqual(['port', '8808', 'id']);
  });
});

describe('int8 quantisation', () => {
  it('round-trips within half a step per row', () => {
    const matrix = Float32Array.from([0.5, -0.25, 0.125, 4, 2, -1]);
    const back = dequantizeRows(quantizeRows(matrix, 3));
    matrix.forEach((value, i) => {
      const step = (i < 3 ? 0.5 : 4) / 127;
      expect(Math.abs(back[i]! - value)).toBeLessThanOrEqual(step / 2 + 1e-7);
    });
  });

  it('gives frequent words smaller SIF weights', () => {
    const [common, rare] = sifWeights(Float64Array.from([1000, 1]));
    expect(common!).toBeLessThan(rare!);
  });
});

describe('word embedder through onnxruntime', () => {
  it('pools SIF-weighted vectors and normalises them', async () => {
    const embedder = await createModelProvider({ dir: writeModel() }).embedder(null);
    expect(embedder.dimension).toBe(3);
    const [both, one] = await embedder.embed(['Vector database', 'shell']);
    expect(both![0]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(both![1]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(both![2]).toBe(0);
    expect(Array.from(one!).map((v) => Number(v.toFixed(4)))).toEqual([0, 0, 1]);
  });

  it('returns the zero vector, not NaN, for text with no known word', async () => {
    const embedder = await createModelProvider({ dir: writeModel() }).embedder(null);
    const [empty, unknown] = await embedder.embed(['', 'zzz qqq']);
    expect(Array.from(empty!)).toEqual([0, 0, 0]);
    expect(Array.from(unknown!)).toEqual([0, 0, 0]);
  });

  it('embeds more texts than one batch in order', async () => {
    const embedder = await createModelProvider({ dir: writeModel() }).embedder(null);
    const texts = Array.from({ length: 150 }, (_, i) => ['vector', 'database', 'shell'][i % 3]!);
    const out = await embedder.embed(texts);
    expect(out).toHaveLength(150);
    expect(out[148]![1]).toBeCloseTo(1, 5);
    expect(out[149]![2]).toBeCloseTo(1, 5);
  });
});

describe('manifest verification', () => {
  async function failure(dir: string): Promise<BatutaError> {
    try {
      await createModelProvider({ dir }).embedder(null);
    } catch (error) {
      return error as BatutaError;
    }
    throw new Error('loading should have failed');
  }

  it('names a truncated file and how to rebuild it', async () => {
    const dir = writeModel();
    const path = join(dir, `${EMBEDDER_FILE}.onnx`);
    writeFileSync(path, readFileSync(path).subarray(0, 100));
    const error = await failure(dir);
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toContain(path);
    expect(error.message).toContain('truncated');
    expect(error.message).toContain('npm run train:models');
  });

  it('rejects a file whose bytes changed but not its size', async () => {
    const dir = writeModel();
    const path = join(dir, `${EMBEDDER_FILE}${WORDS_SUFFIX}`);
    writeFileSync(path, readFileSync(path, 'latin1').replace('shell', 'shelx'), 'latin1');
    const error = await failure(dir);
    expect(error.code).toBe('INVALID_DATA');
    expect(error.details['file']).toBe(path);
  });

  it('names a words file the manifest lists but the folder lacks', async () => {
    const dir = writeModel();
    const path = join(dir, `${EMBEDDER_FILE}${WORDS_SUFFIX}`);
    rmSync(path);
    const error = await failure(dir);
    expect(error.code).toBe('INVALID_DATA');
    expect(error.details['file']).toBe(path);
    expect(error.message).toContain('is missing');
  });

  it('leaves the vocabulary text to the model check, since a search reads the words file', () => {
    const dir = writeModel();
    const path = join(dir, `${EMBEDDER_FILE}.vocab.txt`);
    writeFileSync(path, readFileSync(path, 'utf8').replace('shell', 'shelx'));
    expect(() => verifyModelFiles(dir, 'rebuild')).toThrow(/vocab\.txt is corrupt/);
  });

  it("offers the model's word vectors, verified like the rest", async () => {
    const dir = writeModel();
    const vocabulary = (await createModelProvider({ dir }).embedder(null)).vocabulary!();
    expect(vocabulary.index.get('shell')).toBeGreaterThanOrEqual(0);
    expect(vocabulary.unitRows([0, 1])).toHaveLength(2 * vocabulary.dim);
    const path = join(dir, `${EMBEDDER_FILE}.vectors.bin`);
    const bytes = readFileSync(path);
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(path, bytes);
    const embedder = await createModelProvider({ dir }).embedder(null);
    expect(() => embedder.vocabulary!()).toThrow(/vectors\.bin/);
  });

  it("reads the word vectors from the embedder's table and the vectors file's scales, as the vectors file holds them", async () => {
    const vectors = {
      words: ['alpha', 'beta', 'gamma', 'delta'],
      counts: Float64Array.from([40, 3, 17, 1]),
      dim: 3,
      input: Float32Array.from([0.3, -1.2, 0.05, 2, 0.5, -0.7, -0.01, 0.02, 0.9, 1.5, 1.5, -1.5]),
      output: new Float32Array(12),
    };
    const dir = writeModel(vectors);
    const read = (await createModelProvider({ dir }).embedder(null)).vocabulary!();
    const words = readEmbedderWords(dir, 'rebuild');
    const expected = featureVocabulary(words.words, words.counts, words.dim, words.vectors);
    expect(read.unitRows([0, 1, 2, 3])).toEqual(expected.unitRows([0, 1, 2, 3]));
    expect([0, 1, 2, 3].map((id) => read.idf(id))).toEqual([0, 1, 2, 3].map((id) => expected.idf(id)));
    expect([...vectors.words].map((word) => read.index.get(word))).toEqual([0, 1, 2, 3]);
  });

  it('reads the vocabulary text of a model written before words files, with the same answers', async () => {
    const vectors = {
      words: ['alpha', 'beta', 'gamma', 'delta', 'beta'],
      counts: Float64Array.from([40, 3, 17, 1, 5]),
      dim: 3,
      input: Float32Array.from([0.3, -1.2, 0.05, 2, 0.5, -0.7, -0.01, 0.02, 0.9, 1.5, 1.5, -1.5, 1, 2, 3]),
      output: new Float32Array(15),
    };
    const current = writeModel(vectors);
    const older = writeModel(vectors);
    const manifest = JSON.parse(readFileSync(join(older, 'manifest.json'), 'utf8'));
    delete manifest.files[`${EMBEDDER_FILE}${WORDS_SUFFIX}`];
    writeFileSync(join(older, 'manifest.json'), JSON.stringify(manifest));
    rmSync(join(older, `${EMBEDDER_FILE}${WORDS_SUFFIX}`));
    const [a, b] = await Promise.all(
      [current, older].map((dir) => createModelProvider({ dir }).embedder(null)),
    );
    const texts = ['alpha beta', 'gamma delta beta', 'epsilon'];
    expect(await a!.embed(texts)).toEqual(await b!.embed(texts));
    const [va, vb] = [a!.vocabulary!(), b!.vocabulary!()];
    const words = [...vectors.words, 'epsilon'];
    expect(words.map((w) => va.index.get(w))).toEqual(words.map((w) => vb.index.get(w)));
    expect(va.index.size).toBe(vb.index.size);
    expect(va.unitRows([0, 1, 2, 3, 4])).toEqual(vb.unitRows([0, 1, 2, 3, 4]));
    expect([0, 1, 2, 3, 4].map((id) => va.idf(id))).toEqual([0, 1, 2, 3, 4].map((id) => vb.idf(id)));
  });

  it('reports a missing manifest as one clear error', async () => {
    const dir = writeModel();
    rmSync(join(dir, 'manifest.json'));
    const error = await failure(dir);
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toMatch(/manifest\.json is missing/);
  });
});

describe('vocabulary files', () => {
  it('give the same rows and counts whether read as a list or as an index', () => {
    // A word listed twice keeps its last row; a line without a tab is an older format.
    const text = '4\nfoo\t3\nbär\t12\nfoo\t7\nold5\nx\t0\n\n';
    const list = parseVocabulary(text, 'v.txt');
    const index = parseVocabularyIndex(text, 'v.txt');
    expect(index.dim).toBe(list.dim);
    expect(index.counts).toEqual(list.counts);
    expect(index.index).toEqual(new Map(list.words.map((word, i) => [word, i])));
    expect(index.index.get('foo')).toBe(2);
    expect(() => parseVocabularyIndex('word\t3\n', 'v.txt')).toThrow(/v\.txt has no dimension line/);
  });
});
