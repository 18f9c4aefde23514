/**
 * `npm run train:models`: rebuilds every shipped model from nothing — fetches the Debian documentation
 * packages, trains the base word vectors, trains the reranker, writes embeddings/ and its manifest.
 * Deterministic for a seed (single-threaded training). Progress goes to stderr.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '../../errors.js';
import { EMBEDDER_FILE } from '../embed-files.js';
import { FEATURE_COUNT, FEATURE_NAMES, featureVocabulary } from '../rerank-features.js';
import { buildRerankerOnnx, RERANKER_FILE } from '../rerank-knrm.js';
import { buildTextCorpus, HELD_OUT_PACKAGES, TRAINING_PACKAGES } from './debian-corpus.js';
import { packageEmbedder, packageFile } from './package-models.js';
import { cutSections } from './sections.js';
import {
  BASE_EMBEDDER_DEFAULTS,
  loadRawVectors,
  readPages,
  saveRawVectors,
  trainBaseVectors,
} from './train-embedder.js';
import { buildGroups, RERANKER_TRAINING_DEFAULTS, trainReranker } from './train-reranker.js';

function logger(): (line: string) => void {
  const started = performance.now();
  return (line) =>
    process.stderr.write(`train: ${line} [${((performance.now() - started) / 1000).toFixed(0)} s]\n`);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      cache: { type: 'string', default: 'bench/cache/models-train' },
      out: { type: 'string', default: 'embeddings' },
      seed: { type: 'string', default: String(BASE_EMBEDDER_DEFAULTS.seed) },
      'reuse-vectors': { type: 'boolean', default: false },
      'skip-reranker': { type: 'boolean', default: false },
      'ship-reranker': { type: 'boolean', default: false },
      'sentence-share': { type: 'string' },
    },
  });
  const log = logger();
  const cache = resolve(values.cache);
  const out = resolve(values.out);
  const seed = Number(values.seed);
  const files = buildTextCorpus(cache, log);
  const pages = readPages(files);
  const rawDir = join(cache, `vectors-seed-${seed}`);
  const options = { ...BASE_EMBEDDER_DEFAULTS, seed };
  const reuse = values['reuse-vectors'] && existsSync(join(rawDir, 'words.txt'));
  const started = performance.now();
  const vectors = reuse ? loadRawVectors(rawDir) : trainBaseVectors(pages, options, log);
  if (!reuse) saveRawVectors(rawDir, vectors);
  const trainSeconds = reuse ? null : Math.round((performance.now() - started) / 1000);
  packageEmbedder(out, vectors, {
    file: `${EMBEDDER_FILE}.onnx`,
    kind: 'skip-gram word vectors, SIF pooling, int8',
    packages: TRAINING_PACKAGES.map((p) => p.name),
    heldOut: [...HELD_OUT_PACKAGES],
    ...options,
    vocabulary: vectors.words.length,
    trainSeconds,
  });
  log(`embedder written to ${out}`);
  if (values['skip-reranker']) return;
  const sections = files.flatMap((file, group) => cutSections(readFileSync(file, 'utf8').split('\f'), group));
  log(`reranker: ${sections.length} sections`);
  const vocab = featureVocabulary(vectors.words, vectors.counts, vectors.dim, vectors.input);
  const training = {
    ...RERANKER_TRAINING_DEFAULTS,
    ...(values['sentence-share'] ? { sentenceShare: Number(values['sentence-share']) } : {}),
  };
  const groups = buildGroups(sections, vocab, training, log);
  const bm25Feature = FEATURE_NAMES.indexOf('bm25_body');
  const { weights, heldOut } = trainReranker(
    groups,
    FEATURE_COUNT,
    bm25Feature,
    RERANKER_TRAINING_DEFAULTS,
    log,
  );
  // The reranker did not beat hybrid search on the batuta-docs dev questions (bench/RESULTS.md, Models),
  // so it is shipped only on request; otherwise it is packaged beside the cache for the bench to try.
  const rerankerDir = values['ship-reranker'] ? out : join(cache, 'reranker-package');
  if (rerankerDir !== out)
    packageEmbedder(rerankerDir, vectors, { file: `${EMBEDDER_FILE}.onnx`, ...options });
  packageFile(rerankerDir, RERANKER_FILE, buildRerankerOnnx(weights), 'reranker', {
    file: RERANKER_FILE,
    kind: 'KNRM kernels + lexical features, MLP 16, pairwise loss',
    features: [...FEATURE_NAMES],
    trainingQuestions: groups.length,
    ...training,
    heldOut,
  });
  log(`reranker written to ${rerankerDir}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`train: ${describeError(error)}\n`);
  process.exitCode = 1;
});
