import { describe, expect, it } from 'vitest';
import { createOracle } from '../../src/oracle/recommend.js';
import type { StemCache } from '../../src/oracle/stem-cache.js';
import { FIXTURE } from './fixture.js';

function memoryCache(): StemCache & { readonly entries: Map<string, string>; reads: number } {
  const entries = new Map<string, string>();
  return {
    entries,
    reads: 0,
    read(key) {
      this.reads += 1;
      return entries.get(key) ?? null;
    },
    write(key, text) {
      entries.set(key, text);
    },
  };
}

const QUESTION = 'train a classifier on GPU with 1M samples, then serve it';

describe('stem cache', () => {
  it('stores the stems once and answers identically from them', () => {
    const cache = memoryCache();
    const fresh = createOracle(FIXTURE).answer(QUESTION, true);
    const first = createOracle(FIXTURE, { stemCache: cache }).answer(QUESTION, true);
    expect(cache.entries.size).toBe(1);
    const second = createOracle(FIXTURE, { stemCache: cache }).answer(QUESTION, true);
    expect(cache.entries.size).toBe(1);
    expect(first).toEqual(fresh);
    expect(second).toEqual(fresh);
  });

  it('recomputes when an entry is corrupt or does not fit the texts', () => {
    const cache = memoryCache();
    createOracle(FIXTURE, { stemCache: cache });
    const [key] = [...cache.entries.keys()];
    const expected = createOracle(FIXTURE).answer(QUESTION);
    for (const bad of ['{not json', '{"phrases":[],"profiles":[],"capabilities":[],"recipes":[]}']) {
      cache.entries.set(key as string, bad);
      expect(createOracle(FIXTURE, { stemCache: cache }).answer(QUESTION)).toEqual(expected);
      expect(cache.entries.get(key as string)).not.toBe(bad);
    }
  });

  it('keys entries by the texts, so changed knowledge gets new stems', () => {
    const cache = memoryCache();
    createOracle(FIXTURE, { stemCache: cache });
    const changed = {
      ...FIXTURE,
      components: FIXTURE.components.map((c) =>
        c.name === 'trueno-db' ? { ...c, keywords: ['semantic cache'] } : c,
      ),
    };
    const oracle = createOracle(changed, { stemCache: cache });
    expect(cache.entries.size).toBe(2);
    expect(oracle.answer('a semantic cache for prompts').primary?.component).toBe('trueno-db');
  });
});
