/**
 * In-memory BM25 (Robertson & Zaragoza 2009) over chunks with wink-bm25-text-search: the engine of the
 * built-in `specs` collection, searchable with no database. wink cannot add after consolidate(), so an
 * index is built once from a complete chunk list.
 */
import winkBm25 from 'wink-bm25-text-search';
import { createAnalyzer } from '../../text/analyze.js';
import type { Chunk, ScoredChunk, SparseIndex } from '../types.js';

/** Field weights: heading words count twice as much as body words (DESIGN.md §5). */
export const WINK_FIELD_WEIGHTS = { heading: 2, body: 1 } as const;

/** A sparse index whose search can also be restricted to chunks of given components. */
export interface FilterableSparseIndex extends SparseIndex {
  searchComponents(question: string, limit: number, components: ReadonlySet<string>): ScoredChunk[];
}

/** An in-memory index that can also be saved as JSON and restored with `importWinkIndex`. */
export interface WinkIndex extends FilterableSparseIndex {
  /** The consolidated index as wink's own JSON (what a build-time snapshot stores). */
  exportJSON(): string;
}

/** Builds the in-memory BM25 index; chunk ids must be unique. */
export function createWinkIndex(chunks: readonly Chunk[]): WinkIndex {
  const engine = winkBm25();
  const analyze = createAnalyzer();
  engine.defineConfig({ fldWeights: { ...WINK_FIELD_WEIGHTS }, ovFldNames: ['component'] });
  engine.definePrepTasks([analyze]);
  for (const chunk of chunks) {
    engine.addDoc(
      { heading: chunk.headings.join(' '), body: chunk.text, component: chunk.component ?? '' },
      chunk.id,
    );
  }
  // wink refuses to consolidate fewer than 3 documents; pad with empty ones that can never match.
  for (let pad = chunks.length; pad < 3; pad += 1)
    engine.addDoc({ heading: '', body: '', component: '' }, `\0${pad}`);
  engine.consolidate();
  return wrap(engine, analyze);
}

/**
 * Restores an index saved with `exportJSON`, skipping the tokenizing and stemming of every chunk; the
 * question is still analyzed by this process's analyzer. Throws if the JSON is not a wink index.
 */
export function importWinkIndex(json: string): WinkIndex {
  const engine = winkBm25();
  const analyze = createAnalyzer();
  engine.importJSON(json);
  engine.definePrepTasks([analyze]);
  return wrap(engine, analyze);
}

function wrap(engine: ReturnType<typeof winkBm25>, analyze: (text: string) => string[]): WinkIndex {
  const toScored = (hits: Array<[string, number]>): ScoredChunk[] =>
    hits.filter(([id]) => !id.startsWith('\0')).map(([chunkId, score]) => ({ chunkId, score }));
  const run = (question: string, limit: number, filter?: (values: Record<string, string>) => boolean) =>
    analyze(question).length === 0 ? [] : toScored(engine.search(question, limit, filter));
  return {
    search: (question, limit) => run(question, limit),
    searchComponents: (question, limit, components) =>
      run(question, limit, (values) => components.has(values['component'] ?? '')),
    exportJSON: () => engine.exportJSON(),
  };
}
