/**
 * Which collection a file beside an index database belongs to, and the removal of files whose collection
 * has no row (orphans) under the safety rules of paths/leftovers.ts.
 */
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEFTOVER_AGE_MS } from '../../../src/paths/leftovers.js';
import { collectionsOfFile, removeOrphanFiles } from '../../../src/retrieval/dense/vector-files.js';
import { tempDir } from '../../temp-dirs.js';

function ageAll(path: string): void {
  const when = (Date.now() - LEFTOVER_AGE_MS - 60_000) / 1000;
  utimesSync(path, when, when);
  try {
    for (const entry of readdirSync(path)) ageAll(join(path, entry));
  } catch {
    // A file.
  }
}

describe('collectionsOfFile', () => {
  const db = '/data/index.db';
  it('reads the collection from its HNSW files, their temporaries and its model folder', () => {
    expect(collectionsOfFile(db, 'index.db.notes.0123456789ab.hnsw')).toContain('notes');
    expect(collectionsOfFile(db, 'index.db.notes.0123456789ab.hnsw.tmp-42')).toEqual(['notes']);
    expect(collectionsOfFile(db, 'index.db.notes.hnsw')).toEqual(['notes']);
    expect(collectionsOfFile(db, 'index.db.my.notes.model')).toEqual(['my.notes']);
  });

  it('names every reading of an ambiguous name, and nothing for files that are not a collection’s', () => {
    // Collection x's hashed HNSW file, or an unhashed one (written before files were hashed) of x.0123456789ab.
    expect(collectionsOfFile(db, 'index.db.x.0123456789ab.hnsw').sort()).toEqual(['x', 'x.0123456789ab']);
    for (const entry of ['index.db', 'index.db-wal', 'index.db2.notes.model', 'index.db.notes', 'other.md'])
      expect(collectionsOfFile(db, entry), entry).toEqual([]);
  });
});

describe('removeOrphanFiles', () => {
  it('removes old files of collections without a row, keeps a live collection’s and another database’s', () => {
    const dir = tempDir('orphan-files');
    const db = join(dir, 'index.db');
    writeFileSync(db, '');
    writeFileSync(join(dir, 'index.db.team'), '');
    const files = {
      gone: join(dir, 'index.db.gone.0123456789ab.hnsw'),
      goneModel: join(dir, 'index.db.gone.model'),
      live: join(dir, 'index.db.notes.0123456789ab.hnsw'),
      liveModel: join(dir, 'index.db.notes.model'),
      otherDatabase: join(dir, 'index.db.team.notes.model'),
    };
    for (const [name, path] of Object.entries(files)) {
      if (name.endsWith('odel') || name === 'otherDatabase') {
        mkdirSync(join(path, 'v-0123456789ab'), { recursive: true });
        writeFileSync(join(path, 'current.json'), '{}');
      } else writeFileSync(path, 'x');
    }
    ageAll(dir);
    const removed = removeOrphanFiles(db, () => new Set(['notes']));
    expect(removed.sort()).toEqual([files.gone, files.goneModel].sort());
    expect(readdirSync(dir).sort()).toEqual([
      'index.db',
      'index.db.notes.0123456789ab.hnsw',
      'index.db.notes.model',
      'index.db.team',
      'index.db.team.notes.model',
    ]);
  });
});
