/**
 * The contract every ranker in the quality bench meets, whether it is one of the baselines below or
 * one of the engine's own pipelines registered in ours.ts: prepared once over a corpus, then asked
 * for source files best first.
 */

export interface Ranker {
  /** Short unique label printed in result tables, e.g. "bm25-or" or "hybrid+rerank". */
  readonly name: string;
  /** Indexes `files` (paths relative to `corpusRoot`, forward slashes) before any `rank` call. */
  prepare(corpusRoot: string, files: readonly string[]): Promise<void>;
  /** Source files for `question`, best first, each at most once; the bench scores the top 10. */
  rank(question: string): Promise<string[]>;
  /** Releases native resources (databases, indexes) once the run is over. */
  close?(): void;
}

/** Collapses a best-first list of chunk sources into distinct files, keeping first occurrences. */
export function distinctFiles(sources: Iterable<string>, limit = Number.POSITIVE_INFINITY): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    if (files.length >= limit) break;
    if (seen.has(source)) continue;
    seen.add(source);
    files.push(source);
  }
  return files;
}
