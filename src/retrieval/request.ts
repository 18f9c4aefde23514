/**
 * What a search request may ask for, declared once for every entry point (the CLI's flags, the MCP
 * tool's input): the retrieval modes and the bounds on k and on the question. Part of the layer's entry
 * (index.ts re-exports it), kept in its own file so that parsing flags does not load the search code.
 */
import { z } from 'zod';

/** Which legs a search runs: both fused (hybrid), BM25 alone or dense alone. */
export const SEARCH_MODES = ['hybrid', 'bm25', 'dense'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

/** Bounds on a request; a question longer than this is refused, not cut. */
export const SEARCH_LIMITS = { kMin: 1, kMax: 100, kDefault: 10, questionMaxChars: 2000 } as const;

/** The fields of a search request as an untrusted caller gives them (zod, for the MCP tool and the CLI). */
export const SearchFields = {
  question: z
    .string()
    .trim()
    .min(1)
    .max(SEARCH_LIMITS.questionMaxChars)
    .describe('What to look for, in plain words or keywords'),
  k: z
    .number()
    .int()
    .min(SEARCH_LIMITS.kMin)
    .max(SEARCH_LIMITS.kMax)
    .default(SEARCH_LIMITS.kDefault)
    .describe(`How many results to return (${SEARCH_LIMITS.kMin}-${SEARCH_LIMITS.kMax})`),
  mode: z
    .enum(SEARCH_MODES)
    .default('hybrid')
    .describe('Retrieval legs: hybrid (default, best), bm25 (exact words) or dense (meaning)'),
};

/** Whether a number is an accepted k. */
export function isValidK(k: number): boolean {
  return Number.isInteger(k) && k >= SEARCH_LIMITS.kMin && k <= SEARCH_LIMITS.kMax;
}

/** Whether a string names a search mode. */
export function isSearchMode(value: string): value is SearchMode {
  return (SEARCH_MODES as readonly string[]).includes(value);
}
