/**
 * Proves that two builds stored the same collection: compares two index databases row by row (documents,
 * chunks with their text, vectors and reranker words, collections, and the meta records, less the seconds a
 * fusion choice took and the selection's page record, which older builds do not write) and every file beside
 * them (HNSW files, the adapted model's folder) byte by byte. Exits 1 and names what differs.
 *
 *   node dist/bench/speed/same-index.js A.db B.db
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { benchPositionals, runBench } from '../lib/bench-flags.js';
import { existingDatabase } from '../lib/bench-inputs.js';

const TABLES: Record<string, string> = {
  documents: 'SELECT id, source, hash, size, mtime, content_size FROM documents ORDER BY id',
  chunks:
    'SELECT id, document_id, ordinal, component, headings, heading, line_start, line_end, text, hex(vector), hex(tokens) FROM chunks ORDER BY id',
  collections: 'SELECT id, name, root, chunker, embedder, generation, vector_generation FROM collections',
  meta: "SELECT key, value FROM meta WHERE key NOT LIKE 'pages:%' ORDER BY key",
};

/** A meta row with the seconds its fusion choice took taken out. */
function timeless(row: Record<string, unknown>): Record<string, unknown> {
  if (typeof row['key'] !== 'string' || !row['key'].startsWith('fusion:')) return row;
  const record = JSON.parse(String(row['value'])) as { explain?: { seconds?: number } };
  delete record.explain?.seconds;
  return { ...row, value: JSON.stringify(record) };
}

function tableDigest(path: string, sql: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of db.prepare(sql).iterate()) {
      hash.update(JSON.stringify(timeless(row as Record<string, unknown>)));
      rows += 1;
    }
    return `${rows} rows, ${hash.digest('hex').slice(0, 16)}`;
  } finally {
    db.close();
  }
}

/** Every file beside the database (`DB.name.*`, folders walked), by its name after the database's, hashed. */
function filesBeside(dbPath: string): Map<string, string> {
  const out = new Map<string, string>();
  const hashFile = (path: string) =>
    createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
  const walk = (path: string, name: string) => {
    if (!statSync(path).isDirectory()) out.set(name, hashFile(path));
    else for (const entry of readdirSync(path)) walk(join(path, entry), `${name}/${entry}`);
  };
  const base = basename(dbPath);
  for (const entry of readdirSync(dirname(dbPath)))
    if (entry.startsWith(`${base}.`)) walk(join(dirname(dbPath), entry), entry.slice(base.length));
  return out;
}

function main(): void {
  const [a, b] = benchPositionals(import.meta.filename, { required: ['A.db', 'B.db'] }).map(
    existingDatabase,
  ) as [string, string];
  const differing: string[] = [];
  for (const [table, sql] of Object.entries(TABLES)) {
    const [left, right] = [tableDigest(a, sql), tableDigest(b, sql)];
    console.log(`${table}: ${left} | ${right}`);
    if (left !== right) differing.push(table);
  }
  const [left, right] = [filesBeside(a), filesBeside(b)];
  for (const name of new Set([...left.keys(), ...right.keys()]))
    if (left.get(name) !== right.get(name)) differing.push(`file ${name}`);
  console.log(`files beside the databases: ${left.size} | ${right.size}`);
  console.log(differing.length === 0 ? 'same collection' : `differs: ${differing.join(', ')}`);
  if (differing.length > 0) process.exitCode = 1;
}

await runBench(import.meta.filename, main);
