/**
 * The default ModelProvider: the shipped word-vector embedder and reranker from embeddings/ (verified
 * against manifest.json), per-collection adapted embedders stored in a collection's model folder, and
 * adaptation that writes a new version beside the old one and switches with one atomic rename.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidDataError } from '../../errors.js';
import { say, type Text } from '../../fixes.js';
import { ADAPT_DEFAULTS, type AdaptOptions } from '../adapt/adapt-options.js';
import { currentAdaptedDir, keptAdaptedDirs, REBUILD_ADAPTED } from '../adapt/store.js';
import type { FileStamps } from '../dense/file-stamps.js';
import {
  EMBEDDER_FILE,
  type Manifest,
  parseVocabularyIndex,
  readManifest,
  readVerified,
  readVerifiedScales,
  readWordVectors,
  WORDS_SUFFIX,
} from '../dense/model-files.js';
import { createWordEmbedder, sifModelOf } from '../dense/word-embedder.js';
import { readWordTable } from '../dense/word-table.js';
import { loadFileReranker } from '../rerank/file-reranker.js';
import type { Embedder, ModelProvider, Reranker } from '../types.js';
import { type FeatureVocabulary, quantizedFeatureVocabulary } from '../wordvec/feature-vocabulary.js';
import type { WordVectors } from '../wordvec/skipgram.js';

export { currentAdaptedDir } from '../adapt/store.js';

export const REBUILD_SHIPPED = 'run npm run train:models to rebuild the shipped models';

/** Where the models come from and how adaptation behaves. */
export interface ModelProviderOptions {
  /** Folder with the shipped model files and manifest.json; default: this package's embeddings/. */
  readonly dir?: string;
  readonly adapt?: Partial<AdaptOptions>;
  /**
   * Hugging Face ONNX exports to use instead of the shipped models: folders holding tokenizer.json and
   * model.onnx. A configured embedder is used as is (no adaptation).
   */
  readonly huggingFace?: { readonly embedder?: string; readonly reranker?: string };
  /**
   * Verifications remembered between processes (file-stamps.ts): model files verified before and not
   * written since are not hashed again. Without it every file is hashed when loaded.
   */
  readonly stamps?: FileStamps;
  /**
   * A long-running process (the MCP server): the reranker's soft matching runs in onnxruntime, whose start-up
   * is paid once and which is several times faster per search than the JavaScript a one-shot CLI run uses.
   */
  readonly serving?: boolean;
}

/** The package's embeddings/ folder, found by walking up from this file (works from src/ and dist/). */
export function shippedModelDir(): string {
  let at = import.meta.dirname;
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(join(at, 'embeddings', 'manifest.json'))) return join(at, 'embeddings');
    at = dirname(at);
  }
  return resolve(import.meta.dirname, '../../../embeddings');
}

/** The id of the embedder in a model folder: its ONNX file's hash, which loading verifies. */
function embedderId(manifest: Manifest): string {
  return `sif-w2v/${manifest.files[`${EMBEDDER_FILE}.onnx`]?.sha256.slice(0, 12) ?? 'missing'}`;
}

/**
 * The embedder's vocabulary: its words file when the manifest lists one (read as stored, word-table.ts),
 * else the vocabulary text of a model written before words files existed.
 */
function readVocabulary(dir: string, manifest: Manifest, rebuild: Text, stamps?: FileStamps) {
  const words = join(dir, `${EMBEDDER_FILE}${WORDS_SUFFIX}`);
  if (manifest.files[basename(words)] !== undefined) {
    const bytes = readVerified(dir, basename(words), manifest, rebuild, stamps);
    return { ...readWordTable(bytes, words, rebuild), path: words };
  }
  const vocab = join(dir, `${EMBEDDER_FILE}.vocab.txt`);
  const text = readVerified(dir, basename(vocab), manifest, rebuild, stamps).toString('utf8');
  return { ...parseVocabularyIndex(text, vocab), path: vocab };
}

async function loadEmbedder(dir: string, rebuild: Text, stamps?: FileStamps): Promise<Embedder> {
  const manifest = readManifest(dir, rebuild);
  const onnx = readVerified(dir, `${EMBEDDER_FILE}.onnx`, manifest, rebuild, stamps);
  const { dim, index, counts, path } = readVocabulary(dir, manifest, rebuild, stamps);
  const parts = { id: embedderId(manifest), dim, index, onnx };
  const model = sifModelOf(parts);
  const embedder = await createWordEmbedder(parts, model);
  let vocabulary: FeatureVocabulary | undefined;
  return {
    ...embedder,
    vocabulary() {
      if (vocabulary === undefined) {
        // The word vectors are the embedder's int8 table with the vectors file's row scales.
        if (model.table.length !== counts.length * dim) {
          throw new InvalidDataError(
            say`models: ${path} and the embedder's table differ in size (${rebuild})`,
          );
        }
        const scales = readVerifiedScales(dir, manifest, rebuild, counts.length, dim, stamps);
        vocabulary = quantizedFeatureVocabulary(index, counts, dim, { values: model.table, scales });
      }
      return vocabulary;
    },
  };
}

function loadVectors(dir: string, manifest: Manifest, rebuild: Text): WordVectors {
  const vocabFile = `${EMBEDDER_FILE}.vocab.txt`;
  const vocab = readVerified(dir, vocabFile, manifest, rebuild).toString('utf8');
  const bin = readVerified(dir, `${EMBEDDER_FILE}.vectors.bin`, manifest, rebuild);
  return readWordVectors(vocab, bin, join(dir, vocabFile));
}

/**
 * The model folder whose embedder is `wanted`: the current adapted version, a kept earlier one, or null for
 * the shipped base model. When none is, the current version (its vectors are being rebuilt, or a search
 * reports the mismatch).
 */
function versionOf(shipped: string, modelDir: string, current: string, wanted: string): string | null {
  if (embedderId(readManifest(current, REBUILD_ADAPTED)) === wanted) return current;
  for (const kept of keptAdaptedDirs(modelDir, current)) {
    try {
      if (embedderId(readManifest(kept, REBUILD_ADAPTED)) === wanted) return kept;
    } catch {
      // A damaged earlier version is simply not a candidate.
    }
  }
  return embedderId(readManifest(shipped, REBUILD_SHIPPED)) === wanted ? null : current;
}

/** Creates the provider; nothing is read until a model is asked for. */
export function createModelProvider(options: ModelProviderOptions = {}): ModelProvider {
  const dir = options.dir ?? shippedModelDir();
  const adaptOptions = { ...ADAPT_DEFAULTS, ...options.adapt };
  const cache: { base?: Promise<Embedder>; vectors?: WordVectors; reranker?: Promise<Reranker | null> } = {};
  const base = (): Promise<Embedder> => {
    cache.base ??= loadEmbedder(dir, REBUILD_SHIPPED, options.stamps);
    return cache.base;
  };
  const baseVectors = (): WordVectors => {
    cache.vectors ??= loadVectors(dir, readManifest(dir, REBUILD_SHIPPED), REBUILD_SHIPPED);
    return cache.vectors;
  };
  const hf = options.huggingFace ?? {};
  const reranker = (): Promise<Reranker | null> => {
    cache.reranker ??= hf.reranker
      ? import('../rerank/hf-reranker.js').then((m) => m.createHfReranker(hf.reranker!))
      : options.serving
        ? import('../rerank/similarity.js').then((m) =>
            loadFileReranker(dir, REBUILD_SHIPPED, m.createNativeWordSimilarities(), options.stamps),
          )
        : loadFileReranker(dir, REBUILD_SHIPPED, undefined, options.stamps);
    return cache.reranker;
  };
  if (hf.embedder) {
    const embedder = (): Promise<Embedder> => {
      cache.base ??= import('../dense/hf-embedder.js').then((m) => m.createHfEmbedder(hf.embedder!));
      return cache.base;
    };
    return { embedder, reranker };
  }
  return {
    async embedder(modelDir, wanted) {
      const adapted = modelDir === null ? null : currentAdaptedDir(modelDir);
      if (adapted === null) return base();
      const chosen = wanted === undefined ? adapted : versionOf(dir, modelDir!, adapted, wanted);
      return chosen === null ? base() : loadEmbedder(chosen, REBUILD_ADAPTED, options.stamps);
    },
    async adapt(texts, modelDir, onProgress, signal) {
      const job = { base: baseVectors(), texts, options: adaptOptions, modelDir };
      // The adaptation's code (worker threads, training) loads only when a collection needs adapting.
      const { runAdaptation } = await import('../adapt/run.js');
      return loadEmbedder(await runAdaptation(job, onProgress, signal), REBUILD_ADAPTED);
    },
    reranker,
  };
}
