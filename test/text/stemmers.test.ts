import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachedStem, FTS5_PORTER, WINK_PORTER2 } from '../../src/text/stemmers.js';

const SPECS = resolve(import.meta.dirname, '../../specs');

/** What SQLite FTS5's porter tokenizer stores for each word, one word per row. */
function fts5Stems(words: readonly string[]): string[] {
  const db = new Database(':memory:');
  db.exec(
    "CREATE VIRTUAL TABLE f USING fts5(t, tokenize = 'porter unicode61');" +
      "CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance');",
  );
  const insert = db.prepare('INSERT INTO f(rowid, t) VALUES (?, ?)');
  db.transaction(() => {
    for (const [i, word] of words.entries()) insert.run(i + 1, word);
  })();
  const byRow = new Map(
    (db.prepare('SELECT doc, term FROM v').all() as { doc: number; term: string }[]).map((r) => [
      r.doc,
      r.term,
    ]),
  );
  db.close();
  return words.map((_, i) => byRow.get(i + 1)!);
}

describe('stemmers', () => {
  it('stems as FTS5 stores: "generously" and "quickly" (Porter2 makes "generous" and "quick")', () => {
    expect(FTS5_PORTER.stem('generously')).toBe('gener');
    expect(FTS5_PORTER.stem('quickly')).toBe('quickli');
    expect(WINK_PORTER2.stem('generously')).toBe('generous');
    expect(WINK_PORTER2.stem('quickly')).toBe('quick');
  });

  it('matches SQLite FTS5 on every word of the specs, accented Latin letters folded', () => {
    const words = new Set<string>(['methodology', 'possibly', 'café', 'naïve']);
    for (const file of readdirSync(SPECS))
      for (const word of readFileSync(join(SPECS, file), 'utf8')
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? [])
        words.add(word);
    const list = [...words];
    const expected = fts5Stems(list);
    const differing = list.filter((word, i) => FTS5_PORTER.stem(word) !== expected[i]);
    expect(list.length).toBeGreaterThan(2000);
    expect(differing).toEqual([]);
  });

  it('caches stems per caller and starts over at its limit', () => {
    let calls = 0;
    const stem = cachedStem((word) => {
      calls += 1;
      return word.slice(0, 3);
    }, 2);
    expect([stem('alpha'), stem('alpha'), stem('beta'), stem('gamma'), stem('alpha')]).toEqual([
      'alp',
      'alp',
      'bet',
      'gam',
      'alp',
    ]);
    expect(calls).toBe(4);
  });
});
