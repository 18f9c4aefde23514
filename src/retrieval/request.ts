/**
 * What a search request may ask for, declared once for every entry point (the CLI's flags, the MCP
 * tool's input): the retrieval modes and the bounds on k and on the question. Part of the layer's entry
 * (index.ts re-exports it), kept in its own file so that parsing flags does not load the search code, nor zod
 * (the MCP tool's fields are in request-fields.ts).
 */

/** Which legs a search runs: both fused (hybrid), BM25 alone or dense alone. */
export const SEARCH_MODES = ['hybrid', 'bm25', 'dense'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

/** Collection names end up in file names and CLI flags: keep them simple. */
export const COLLECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Bounds on a request; a question longer than this is refused, not cut. */
export const SEARCH_LIMITS = { kMin: 1, kMax: 100, kDefault: 10, questionMaxChars: 2000 } as const;

/** Whether a number is an accepted k. */
export function isValidK(k: number): boolean {
  return Number.isInteger(k) && k >= SEARCH_LIMITS.kMin && k <= SEARCH_LIMITS.kMax;
}

/** Whether a string names a search mode. */
export function isSearchMode(value: string): value is SearchMode {
  return (SEARCH_MODES as readonly string[]).includes(value);
}
