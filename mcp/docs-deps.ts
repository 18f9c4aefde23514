/**
 * DocsDeps over the retrieval layer: one searcher for the life of the server (it caches the database
 * handle, vectors and models), created on the first document call so a server that only answers graph
 * questions never loads the embedding model.
 */
import { existsSync } from 'node:fs';
import { describeError } from '../src/errors.js';
import {
  countByRule,
  createSearcher,
  type IndexLocation,
  type IndexProgress,
  type IndexSummary,
  indexFolder,
  indexPgFolder,
  listDatabaseCollections,
  listPgCollections,
  type ModelProvider,
  type Searcher,
} from '../src/retrieval/index.js';
import type { DocsDeps } from './deps.js';
import type { ReadinessPart } from './readiness.js';
import type { Logger } from './tool-result.js';

/** The models to search with, loaded on demand; null with a reason when none can be loaded. */
export type ModelLoader = () => Promise<{ models: ModelProvider | null; note: string }>;

export interface DocsOptions {
  /**
   * Absolute path of the index database (it may not exist yet: then only `specs` is searchable), or a
   * PostgreSQL index shared with other servers.
   */
  readonly db: IndexLocation;
  readonly loadModels: ModelLoader;
  readonly log: Logger;
}

/** Where each indexing phase sits on the 0-1 progress scale. */
const PHASE_SPAN: Record<IndexProgress['phase'], readonly [number, number]> = {
  read: [0, 0.45],
  adapt: [0.45, 0.55],
  embed: [0.55, 0.8],
  vectors: [0.8, 0.9],
  calibrate: [0.9, 1],
};

/** DocsDeps plus what the entry needs: the readiness of the database and models, and `close`. */
export interface DocsEntry extends DocsDeps {
  /** Loads the models and opens the database if not done yet, and says how that went. */
  readiness(): Promise<{ database: ReadinessPart; models: ReadinessPart }>;
  /** Releases the database handle. */
  close(): void;
}

/** Builds DocsDeps over the retrieval layer. */
export function createDocsDeps(options: DocsOptions): DocsEntry {
  let searcher: Promise<Searcher> | undefined;
  let models: ReturnType<ModelLoader> | undefined;
  const loadModels = () => {
    models ??= options.loadModels().then((loaded) => {
      if (loaded.models === null) options.log(`search: ${loaded.note}; searching with BM25 only`);
      return loaded;
    });
    return models;
  };
  const open = () => {
    searcher ??= loadModels().then(({ models: provider, note }) =>
      createSearcher({
        dbPath: typeof options.db === 'string' ? options.db : null,
        postgres: typeof options.db === 'string' ? null : options.db,
        models: provider,
        modelsNote: note,
      }),
    );
    return searcher;
  };
  return {
    async search(question, request) {
      const outcome = await (await open()).search(request.collection, {
        question,
        ...request,
        explain: false,
      });
      return {
        results: outcome.results.map(({ copies, ...hit }) => ({
          ...hit,
          lines: [hit.lines[0], hit.lines[1]] as [number, number],
          ...(copies === undefined
            ? {}
            : {
                copies: copies.map((copy) => ({
                  source: copy.source,
                  heading: copy.heading,
                  ...(copy.headingFrom === undefined ? {} : { headingFrom: copy.headingFrom }),
                  lines: [copy.lines[0], copy.lines[1]] as [number, number],
                })),
              }),
        })),
        notes: outcome.notes,
        reranked: outcome.reranked,
      };
    },
    collections: async () => (await open()).collections(),
    readDocument: async (collection, source, within) =>
      (await open()).readDocument(collection, source, within),
    async indexFolder(folder, name, control, select = {}) {
      const { models: provider } = await loadModels();
      const summary = await indexInto(options, {
        root: folder,
        name,
        models: provider,
        select,
        signal: control.signal,
        onProgress: (p) => {
          const [from, to] = PHASE_SPAN[p.phase];
          control.onProgress(
            from + (to - from) * (p.total === 0 ? 1 : p.done / p.total),
            `${p.phase} ${p.done}/${p.total}`,
          );
        },
      });
      for (const note of summary.notes) options.log(`index: ${note}`);
      for (const skip of summary.skipped)
        options.log(`index: skipped ${name}/${skip.source}: ${skip.reason}`);
      control.onProgress(1, 'done');
      for (const glob of summary.unmatchedInclude)
        options.log(`index: include glob "${glob}" matches no file in ${folder}`);
      const includedOver = countByRule(
        summary.included.flatMap(({ rules }) => rules.map((rule) => ({ rule }))),
      );
      return { ...summary, leftOut: countByRule(summary.excluded), includedOver };
    },
    async listCollections() {
      return typeof options.db === 'string'
        ? listDatabaseCollections(options.db)
        : listPgCollections(options.db);
    },
    async readiness() {
      const models = await loadModels().then(
        ({ models: provider, note }): ReadinessPart =>
          provider === null
            ? { state: 'absent', detail: `${note}; searching with BM25 only` }
            : { state: 'loaded', detail: note === '' ? 'embedder and reranker loaded' : note },
        (error: unknown): ReadinessPart => ({ state: 'failed', detail: describeError(error) }),
      );
      const where = typeof options.db === 'string' ? options.db : describePg(options.db.url);
      if (typeof options.db === 'string' && !existsSync(options.db)) {
        const detail = `no index database at ${options.db} yet: only the shipped specs are searchable (index a folder with "batuta index DIR")`;
        return { database: { state: 'absent', detail }, models };
      }
      const database = await open()
        .then((s) => s.collections())
        .then(
          (list): ReadinessPart => ({ state: 'loaded', detail: `${where}: ${list.length} collections` }),
          (error: unknown): ReadinessPart => ({ state: 'failed', detail: describeError(error) }),
        );
      return { database, models };
    },
    close() {
      searcher?.then((s) => s.close()).catch(() => {});
    },
  };
}

/** Indexes a folder into the embedded index database or the PostgreSQL index. */
function indexInto(
  options: DocsOptions,
  run: Omit<Parameters<typeof indexFolder>[0], 'dbPath'>,
): Promise<IndexSummary> {
  if (typeof options.db === 'string') return indexFolder({ ...run, dbPath: options.db });
  return indexPgFolder(options.db.url, {
    ...run,
    onWait: (holder) => options.log(`index: ${run.name}: waiting for ${holder}, which is indexing it`),
  });
}

/** A PostgreSQL URL as it may be shown: host, port and database, never the user or password. */
function describePg(url: string): string {
  const parsed = new URL(url);
  return `postgres://${parsed.host}${parsed.pathname}`;
}
