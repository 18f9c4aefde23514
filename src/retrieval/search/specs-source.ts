import { describeError } from '../../errors.js';
import type { Text } from '../../fixes.js';
import type { ModelProvider, Reranker } from '../types.js';
import { memoryFileChars } from './file-chars.js';
import type { DenseSearch, SearchLegs } from './hybrid.js';
import type { MemoryCollection } from './memory-collection.js';
import { type CollectionSource, documentTitle, missingDocument, readDocumentFile } from './source.js';
import { SPECS_COLLECTION } from './specs-name.js';

export interface SpecsSourceOptions {
  readonly models: ModelProvider | null;
  /** Shown as the dense-leg note when there are no models. */
  readonly noModels: string;
  readonly specsDir?: string | undefined;
  /** The build's specs snapshot (default dist/specs-snapshot.json; null: always build the index here). */
  readonly specsSnapshot?: string | null | undefined;
}

/**
 * The specs source; the collection is loaded on first use and kept. Its code (memory-collection.ts) is imported
 * then too: a process that searches an indexed collection never compiles it.
 */
export function createSpecsSource(options: SpecsSourceOptions): CollectionSource {
  const code = () => import('./memory-collection.js');
  const dir = async () => options.specsDir ?? (await code()).findSpecsDir();
  let base: MemoryCollection | undefined;
  let loaded: Promise<{ collection: MemoryCollection; dense: DenseSearch | null; note?: Text }> | undefined;
  const collection = async (): Promise<MemoryCollection> => {
    const { defaultSpecsSnapshotPath, loadMemoryCollection } = await code();
    base ??= loadMemoryCollection(SPECS_COLLECTION, await dir(), {
      snapshot: options.specsSnapshot === undefined ? defaultSpecsSnapshotPath() : options.specsSnapshot,
    });
    return base;
  };
  return {
    async legs(_name, mode, reranker) {
      const specs = await collection();
      loaded ??= loadSpecs(specs, options.models, mode !== 'bm25', options.noModels);
      return specsLegs(await loaded, reranker);
    },
    async info() {
      const specs = await collection();
      const sources = new Set([...specs.chunks.values()].map((chunk) => chunk.source));
      return [{ name: SPECS_COLLECTION, documents: sources.size, chunks: specs.chunks.size }];
    },
    async readDocument(_name, source) {
      const known = [...(await collection()).chunks.values()].some((chunk) => chunk.source === source);
      if (!known) throw missingDocument(SPECS_COLLECTION, source);
      return readDocumentFile(await dir(), SPECS_COLLECTION, source);
    },
    async pageTitle(_name, source) {
      return documentTitle(await dir(), SPECS_COLLECTION, source);
    },
    async close() {},
  };
}

async function loadSpecs(
  collection: MemoryCollection,
  models: ModelProvider | null,
  wantDense: boolean,
  noModels: string,
): Promise<{ collection: MemoryCollection; dense: DenseSearch | null; note?: Text }> {
  if (!wantDense || models === null) return { collection, dense: null, note: noModels };
  try {
    const embedder = await models.embedder(null);
    const { createMemoryDense } = await import('./memory-collection.js');
    return { collection, dense: await createMemoryDense(collection, embedder) };
  } catch (error) {
    return {
      collection,
      dense: null,
      note: `the embedding model could not be loaded: ${describeError(error)}`,
    };
  }
}

const fileCharsOf = new WeakMap<MemoryCollection, (sources: readonly string[]) => Map<string, number>>();

/** The specs' file sizes, summed once per loaded collection. */
function specsFileChars(collection: MemoryCollection) {
  let sizes = fileCharsOf.get(collection);
  if (sizes === undefined) {
    sizes = memoryFileChars(collection.chunks.values());
    fileCharsOf.set(collection, sizes);
  }
  return sizes;
}

function specsLegs(
  specs: { collection: MemoryCollection; dense: DenseSearch | null; note?: Text },
  reranker: Reranker | null,
): SearchLegs {
  // The build's fusion choice holds for the embedder it was made with.
  const fusion = specs.collection.fusion;
  const current = fusion !== undefined && specs.dense !== null && fusion.embedder === specs.dense.embedder.id;
  return {
    sparse: specs.collection.sparse,
    dense: specs.dense,
    ...(current ? { fusion } : {}),
    ...(specs.note === undefined ? {} : { denseNote: specs.note }),
    reranker,
    chunks: (ids) =>
      new Map(
        ids.flatMap((id) => {
          const chunk = specs.collection.chunks.get(id);
          return chunk === undefined ? [] : [[id, chunk] as const];
        }),
      ),
    fileChars: specsFileChars(specs.collection),
  };
}
