/**
 * Trains the base word vectors on the Debian documentation text and caches them as raw float32 so that
 * packaging (quantisation, ONNX export) can be redone without retraining.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initVectors, SKIPGRAM_DEFAULTS, trainSkipgram, type WordVectors } from '../wordvec/skipgram.js';
import { buildVocabulary, countTokens, encodeCorpus, indexWords } from '../wordvec/vocab.js';

/** Settings of the base embedder; `seed` makes the run repeatable (training is single-threaded). */
export interface BaseEmbedderOptions {
  readonly dim: number;
  readonly maxWords: number;
  readonly minCount: number;
  readonly epochs: number;
  readonly seed: number;
}

export const BASE_EMBEDDER_DEFAULTS: BaseEmbedderOptions = {
  dim: 96,
  maxWords: 80_000,
  minCount: 5,
  epochs: 3,
  seed: 1,
};

/** Pages of every text file, split at form feeds. */
export function readPages(files: readonly string[]): string[] {
  return files.flatMap((file) => readFileSync(file, 'utf8').split('\f'));
}

/** Trains vectors on the pages; logs vocabulary size, token count and progress. */
export function trainBaseVectors(
  pages: readonly string[],
  options: BaseEmbedderOptions,
  log: (line: string) => void,
): WordVectors {
  const vocabulary = buildVocabulary(countTokens(pages), options.minCount, options.maxWords);
  const corpus = encodeCorpus(pages, indexWords(vocabulary.words));
  log(`vocabulary ${vocabulary.words.length} words, corpus ${corpus.length} tokens`);
  const vectors = initVectors(vocabulary.words, vocabulary.counts, options.dim, options.seed);
  let reported = -1;
  trainSkipgram(vectors, corpus, {
    ...SKIPGRAM_DEFAULTS,
    epochs: options.epochs,
    seed: options.seed,
    onProgress: (fraction) => {
      const percent = Math.floor(fraction * 20) * 5;
      if (percent !== reported) log(`skipgram ${percent}%`);
      reported = percent;
    },
  });
  return vectors;
}

/** Writes raw vectors to `dir` (words.txt with counts, input.f32, output.f32). */
export function saveRawVectors(dir: string, vectors: WordVectors): void {
  mkdirSync(dir, { recursive: true });
  const lines = vectors.words.map((word, i) => `${word}\t${vectors.counts[i]}`);
  writeFileSync(join(dir, 'words.txt'), `${vectors.dim}\n${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'input.f32'), Buffer.from(vectors.input.buffer));
  writeFileSync(join(dir, 'output.f32'), Buffer.from(vectors.output.buffer));
}

/** Reads what saveRawVectors wrote. */
export function loadRawVectors(dir: string): WordVectors {
  const [header, ...lines] = readFileSync(join(dir, 'words.txt'), 'utf8').trimEnd().split('\n');
  const words = lines.map((line) => line.slice(0, line.indexOf('\t')));
  const counts = Float64Array.from(lines.map((line) => Number(line.slice(line.indexOf('\t') + 1))));
  const toFloats = (name: string): Float32Array => {
    const bytes = readFileSync(join(dir, name));
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  return { words, counts, dim: Number(header), input: toFloats('input.f32'), output: toFloats('output.f32') };
}
