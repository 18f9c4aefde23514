/** The key-value `meta` table: small per-collection records beside the schema marker. */
import type { Prepare } from './statements.js';

/** Reads and writes one text value per key. */
export interface MetaTable {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function createMetaTable(statement: Prepare): MetaTable {
  return {
    get(key) {
      const value = statement('SELECT value FROM meta WHERE key = ?').pluck().get(key);
      return typeof value === 'string' ? value : null;
    },
    set(key, value) {
      statement('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
    },
    remove(key) {
      statement('DELETE FROM meta WHERE key = ?').run(key);
    },
  };
}
