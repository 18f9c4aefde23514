/**
 * The default ModelProvider: the shipped word-vector embedder and reranker from embeddings/ (verified
 * against manifest.json), per-collection adapted embedders stored in a collection's model folder, and
 * adaptation that writes a new version beside the old one and switches with one atomic rename.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InvalidDataError } from '../errors.js';
import { ADAPT_DEFAULTS, type AdaptOptions, adaptVectors } from './embed-adapt.js';
import {
  EMBEDDER_FILE,
  type Manifest,
  parseVocabulary,
  readManifest,
  readVerified,
  readWordVectors,
  sha256,
  writeAtomic,
  writeWordModel,
} from './embed-files.js';
import { createWordEmbedder } from './embed-static.js';
import { loadShippedReranker } from './rerank-knrm.js';
import type { WordVectors } from './train/skipgram.js';
import type { Embedder, ModelProvider, Reranker } from './types.js';

const REBUILD_SHIPPED = 'run npm run train:models to rebuild the shipped models';
const REBUILD_ADAPTED = 'run batuta index again to re-adapt this collection';
const CURRENT = 'current.json';

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
}

/** The package's embeddings/ folder, found by walking up from this file (works from src/ and dist/). */
export function shippedModelDir(): string {
  let at = import.meta.dirname;
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(join(at, 'embeddings', 'manifest.json'))) return join(at, 'embeddings');
    at = dirname(at);
  }
  return resolve(import.meta.dirname, '../../embeddings');
}

async function loadEmbedder(dir: string, rebuild: string): Promise<Embedder> {
  const manifest = readManifest(dir, rebuild);
  const onnx = readVerified(dir, `${EMBEDDER_FILE}.onnx`, manifest, rebuild);
  const vocabPath = `${EMBEDDER_FILE}.vocab.txt`;
  const vocab = parseVocabulary(
    readVerified(dir, vocabPath, manifest, rebuild).toString('utf8'),
    join(dir, vocabPath),
  );
  return createWordEmbedder({
    id: `sif-w2v/${sha256(onnx).slice(0, 12)}`,
    dim: vocab.dim,
    words: vocab.words,
    onnx,
  });
}

function loadVectors(dir: string, manifest: Manifest, rebuild: string): WordVectors {
  const vocabFile = `${EMBEDDER_FILE}.vocab.txt`;
  const vocab = readVerified(dir, vocabFile, manifest, rebuild).toString('utf8');
  const bin = readVerified(dir, `${EMBEDDER_FILE}.vectors.bin`, manifest, rebuild);
  return readWordVectors(vocab, bin, join(dir, vocabFile));
}

/** The version folder an adapted model folder points at, or null when nothing was adapted yet. */
export function currentAdaptedDir(modelDir: string): string | null {
  const pointer = join(modelDir, CURRENT);
  if (!existsSync(pointer)) return null;
  let version: unknown;
  try {
    version = JSON.parse(readFileSync(pointer, 'utf8')).version;
  } catch {
    throw new InvalidDataError(`models: ${pointer} is not valid JSON (${REBUILD_ADAPTED})`, {
      file: pointer,
    });
  }
  if (typeof version !== 'string' || !/^v-[0-9a-f]{12}$/.test(version)) {
    throw new InvalidDataError(`models: ${pointer} names no model version (${REBUILD_ADAPTED})`, {
      file: pointer,
    });
  }
  return join(modelDir, version);
}

/** The version in use before this adaptation; a broken pointer is simply replaced. */
function previousVersion(modelDir: string): string | null {
  try {
    return currentAdaptedDir(modelDir);
  } catch {
    return null;
  }
}

function storeAdapted(modelDir: string, vectors: WordVectors): string {
  mkdirSync(modelDir, { recursive: true });
  const staging = join(modelDir, `staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  const files = writeWordModel(staging, vectors);
  const version = `v-${sha256(Buffer.from(JSON.stringify(files))).slice(0, 12)}`;
  writeAtomic(join(staging, 'manifest.json'), `${JSON.stringify({ files }, null, 2)}\n`);
  const target = join(modelDir, version);
  const previous = previousVersion(modelDir);
  if (target !== previous) {
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } else {
    rmSync(staging, { recursive: true, force: true });
  }
  writeAtomic(join(modelDir, CURRENT), `${JSON.stringify({ version })}\n`);
  // Keep the previous version one round longer: a search that is loading it right now still finds it.
  const keep = new Set([target, previous]);
  for (const entry of readdirSync(modelDir)) {
    const path = join(modelDir, entry);
    if (entry.startsWith('v-') && !keep.has(path)) rmSync(path, { recursive: true, force: true });
  }
  return target;
}

/** Creates the provider; nothing is read until a model is asked for. */
export function createModelProvider(options: ModelProviderOptions = {}): ModelProvider {
  const dir = options.dir ?? shippedModelDir();
  const adaptOptions = { ...ADAPT_DEFAULTS, ...options.adapt };
  const cache: { base?: Promise<Embedder>; vectors?: WordVectors; reranker?: Promise<Reranker | null> } = {};
  const base = (): Promise<Embedder> => {
    cache.base ??= loadEmbedder(dir, REBUILD_SHIPPED);
    return cache.base;
  };
  const baseVectors = (): WordVectors => {
    cache.vectors ??= loadVectors(dir, readManifest(dir, REBUILD_SHIPPED), REBUILD_SHIPPED);
    return cache.vectors;
  };
  const hf = options.huggingFace ?? {};
  const reranker = (): Promise<Reranker | null> => {
    cache.reranker ??= hf.reranker
      ? import('./rerank-hf.js').then((m) => m.createHfReranker(hf.reranker!))
      : loadShippedReranker(dir, baseVectors, REBUILD_SHIPPED);
    return cache.reranker;
  };
  if (hf.embedder) {
    const embedder = (): Promise<Embedder> => {
      cache.base ??= import('./embed-hf.js').then((m) => m.createHfEmbedder(hf.embedder!));
      return cache.base;
    };
    return { embedder, reranker };
  }
  return {
    async embedder(modelDir) {
      const adapted = modelDir === null ? null : currentAdaptedDir(modelDir);
      return adapted === null ? base() : loadEmbedder(adapted, REBUILD_ADAPTED);
    },
    async adapt(texts, modelDir, onProgress) {
      const vectors = adaptVectors(baseVectors(), texts, adaptOptions, onProgress);
      return loadEmbedder(storeAdapted(modelDir, vectors), REBUILD_ADAPTED);
    },
    reranker,
  };
}
