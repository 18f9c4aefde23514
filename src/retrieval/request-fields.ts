/**
 * The fields of a search request as the MCP tool declares them (zod, the language of its schemas), with the
 * bounds of request.ts. A file of its own so that the CLI's flag parsing and its searches do not load zod.
 */
import { z } from 'zod';
import { SEARCH_LIMITS, SEARCH_MODES } from './request.js';

/** The fields of a search request as an untrusted caller gives them (zod, for the MCP tool). */
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
