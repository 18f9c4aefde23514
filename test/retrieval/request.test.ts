import { describe, expect, it } from 'vitest';
import { BatutaError } from '../../src/errors.js';
import { isSearchMode, isValidK, SEARCH_LIMITS } from '../../src/retrieval/request.js';
import { SearchFields } from '../../src/retrieval/request-fields.js';
import { checkRequest } from '../../src/retrieval/search/hybrid.js';

const request = (question: string, k = 10) => ({
  question,
  k,
  mode: 'hybrid' as const,
  rerank: false,
  explain: false,
});

function codeOf(work: () => void): string | null {
  try {
    work();
    return null;
  } catch (error) {
    return error instanceof BatutaError ? error.code : 'OTHER';
  }
}

describe('search request limits', () => {
  it('accepts k from 1 to 100 and the three modes, nothing else', () => {
    expect([0, 1, 100, 101, 2.5].map(isValidK)).toEqual([false, true, true, false, false]);
    expect(['hybrid', 'bm25', 'dense', 'sparse'].map(isSearchMode)).toEqual([true, true, true, false]);
  });

  it('gives the MCP fields the same bounds and defaults', () => {
    expect(SearchFields.k.parse(undefined)).toBe(SEARCH_LIMITS.kDefault);
    expect(SearchFields.k.safeParse(101).success).toBe(false);
    expect(SearchFields.mode.parse(undefined)).toBe('hybrid');
    expect(SearchFields.question.safeParse('x'.repeat(SEARCH_LIMITS.questionMaxChars + 1)).success).toBe(
      false,
    );
  });

  it('refuses a request past the limits in the search layer itself', () => {
    expect(codeOf(() => checkRequest(request('x'.repeat(SEARCH_LIMITS.questionMaxChars + 1))))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => checkRequest(request('gpu', 101)))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkRequest(request('gpu', 5)))).toBeNull();
  });
});
