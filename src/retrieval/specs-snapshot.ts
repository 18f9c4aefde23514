/**
 * Build step (`npm run build` runs it after tsc): chunks and BM25-indexes the shipped specs/ once and
 * writes dist/specs-snapshot.json, so a fresh `batuta oracle` process loads the index instead of
 * stemming every chunk. memory-collection.ts uses the file only while its fingerprint matches specs/.
 */
import { writeFileSync } from 'node:fs';
import { createWinkIndex } from './bm25-wink.js';
import {
  chunkFolder,
  defaultSpecsSnapshotPath,
  findSpecsDir,
  folderFingerprint,
  type MemorySnapshot,
  readFolderDocuments,
  SPECS_COLLECTION,
} from './memory-collection.js';

/** Writes the snapshot of the specs folder `dir` to `path` and returns the path. */
export function writeSpecsSnapshot(dir = findSpecsDir(), path = defaultSpecsSnapshotPath()): string {
  const folder = readFolderDocuments(SPECS_COLLECTION, dir);
  const chunks = chunkFolder(folder);
  const snapshot: MemorySnapshot = {
    fingerprint: folderFingerprint(folder),
    chunks,
    wink: createWinkIndex(chunks).exportJSON(),
  };
  writeFileSync(path, JSON.stringify(snapshot));
  return path;
}
