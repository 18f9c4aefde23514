/**
 * The engine's own rankers (bm25, dense, hybrid, hybrid+rerank, rrf), registered here by the retrieval
 * engineer so eval.ts scores them beside the baselines in the same run. All four share one index of the
 * corpus, built the way `batuta index` builds it (heading-aware chunks, FTS5, adapted embedder, HNSW).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidDataError } from '../../src/errors.js';
import { ADAPT_DEFAULTS } from '../../src/retrieval/adapt/adapt-options.js';
import { collectionFiles } from '../../src/retrieval/dense/vector-files.js';
import { indexCollection } from '../../src/retrieval/indexing/indexer.js';
import { createModelProvider, shippedModelDir } from '../../src/retrieval/models/provider.js';
import type { SearchMode } from '../../src/retrieval/request.js';
import { FUSION_DEFAULTS, type FusionSettings } from '../../src/retrieval/search/hybrid.js';
import { createSearcher, type Searcher } from '../../src/retrieval/search/searcher.js';
import type { ModelProvider } from '../../src/retrieval/types.js';
import { IndexStore } from '../../src/store/index-store.js';
import { distinctFiles, type Ranker } from './rankers.js';
import { createRrfRanker } from './rrf-ranker.js';

const COLLECTION = 'bench';

interface Engine {
  readonly searcher: Searcher;
  readonly files: ReadonlySet<string>;
  /** A searcher over the same index with other fusion settings (closed with the engine). */
  searcherWith(settings: FusionSettings): Searcher;
  /** Closes the searchers `searcherWith` made. */
  closeOthers(): void;
}

/** Indexes the corpus once for all rankers of one run; removes its temporary database on close. */
function createSharedEngine(models: ModelProvider | null, settings: FusionSettings | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'batuta-bench-'));
  const dbPath = join(dir, 'index.db');
  let engine: Promise<Engine> | null = null;
  let users = 0;
  return {
    /** Counts a ranker that will share the engine; the engine closes when all of them closed. */
    register(): void {
      users += 1;
    },
    prepare(root: string, files: readonly string[]): Promise<Engine> {
      engine ??= (async () => {
        const store = IndexStore.open(dbPath);
        try {
          const summary = await indexCollection({
            name: COLLECTION,
            root,
            store,
            models,
            ...collectionFiles(dbPath, COLLECTION),
          });
          // A bench that scored BM25 under the dense rankers' names would measure nothing it says.
          if (models !== null && summary.embedder === null)
            throw new InvalidDataError(`the dense leg could not be built: ${summary.notes.join('; ')}`);
          const record = store.fusionRecord(store.getCollection(COLLECTION)!.id);
          process.stderr.write(
            `ours: embedder ${summary.embedder ?? 'none'}; fusion of the collection: ${summary.fusion?.chosen ?? 'none stored'}\n`,
          );
          if (record !== null) process.stderr.write(`ours: fusion record ${record}\n`);
        } finally {
          store.close();
        }
        const others: Searcher[] = [];
        return {
          searcher: createSearcher({ dbPath, models, ...(settings === undefined ? {} : { settings }) }),
          files: new Set(files),
          searcherWith(other: FusionSettings) {
            const searcher = createSearcher({ dbPath, models, settings: other });
            others.push(searcher);
            return searcher;
          },
          closeOthers: () => {
            for (const searcher of others) searcher.close();
          },
        };
      })();
      return engine;
    },
    async release(): Promise<void> {
      users -= 1;
      if (users > 0) return;
      if (engine !== null) {
        const ready = await engine;
        ready.searcher.close();
        ready.closeOthers();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function engineRanker(
  name: string,
  shared: ReturnType<typeof createSharedEngine>,
  mode: SearchMode,
  rerank: boolean,
  settings?: FusionSettings,
): Ranker {
  let engine: Engine | null = null;
  let searcher: Searcher | null = null;
  shared.register();
  return {
    name,
    async prepare(root, files) {
      engine = await shared.prepare(root, files);
      searcher = settings === undefined ? engine.searcher : engine.searcherWith(settings);
    },
    async rank(question) {
      if (engine === null || searcher === null) throw new Error(`${name}: prepare() was not called`);
      const { results } = await searcher.search(COLLECTION, {
        question,
        k: 30,
        mode,
        rerank,
        explain: false,
      });
      const known = engine.files;
      return distinctFiles(results.map((result) => result.source).filter((source) => known.has(source)));
    },
    close() {
      void shared.release();
    },
  };
}

/**
 * The fusion shipped before collections chose their own: convex, dense share 0.1, the file reranker's
 * order alone (chosen on the dev splits of batuta-docs and the Debian set); kept to compare against.
 */
export const GLOBAL_CONVEX: FusionSettings = {
  ...FUSION_DEFAULTS,
  method: 'convex',
  bm25Weight: 0.9,
  denseWeight: 0.1,
  rerankShare: 1,
};

/**
 * Our rankers in table order; the dense ones only when the shipped models are present. bm25, dense, hybrid
 * and hybrid+rerank search with the collection's own fusion choice (made by indexCollection from its
 * pseudo-questions) unless `settings` is given; `global` and `global+rerank` use GLOBAL_CONVEX, `rrf60` and
 * `rrf60+rerank` plain RRF; `rrf(k=60)` fuses the bm25 and dense legs' file lists (30 files each) by plain
 * RRF. Each extra dense share adds a `hybrid(a=…)` ranker over the same index. `modelDir` is a folder of
 * models to search with instead of the shipped embeddings/ (a candidate embedder, say); `adaptSeed` the seed
 * the collection's embedder is adapted with (another seed is another draw of the same index: bench/retrieval/draws.ts).
 */
export function createOurRankers(
  settings: FusionSettings | undefined = undefined,
  denseShares: readonly number[] = [],
  modelDir: string = shippedModelDir(),
  adaptSeed: number = ADAPT_DEFAULTS.seed,
): Ranker[] {
  const hasModels = existsSync(join(modelDir, 'manifest.json'));
  const models = hasModels ? createModelProvider({ dir: modelDir, adapt: { seed: adaptSeed } }) : null;
  if (hasModels && modelDir !== shippedModelDir()) process.stderr.write(`ours: models from ${modelDir}\n`);
  const shared = createSharedEngine(models, settings);
  const rankers = [engineRanker('bm25', shared, 'bm25', false)];
  if (models === null) {
    process.stderr.write(`ours: no models in ${modelDir}: only the bm25 ranker runs\n`);
    return rankers;
  }
  return [
    ...rankers,
    engineRanker('dense', shared, 'dense', false),
    engineRanker('hybrid', shared, 'hybrid', false),
    engineRanker('hybrid+rerank', shared, 'hybrid', true),
    engineRanker('global', shared, 'hybrid', false, GLOBAL_CONVEX),
    engineRanker('global+rerank', shared, 'hybrid', true, GLOBAL_CONVEX),
    engineRanker('rrf60', shared, 'hybrid', false, FUSION_DEFAULTS),
    engineRanker('rrf60+rerank', shared, 'hybrid', true, FUSION_DEFAULTS),
    createRrfRanker('rrf(k=60)', [
      { ranker: engineRanker('bm25 leg', shared, 'bm25', false), weight: 1 },
      { ranker: engineRanker('dense leg', shared, 'dense', false), weight: 1 },
    ]),
    ...denseShares.map((share) =>
      engineRanker(`hybrid(a=${share})`, shared, 'hybrid', false, {
        ...GLOBAL_CONVEX,
        bm25Weight: 1 - share,
        denseWeight: share,
      }),
    ),
  ];
}
