/**
 * Build step (`npm run build` runs it after tsc): validates the shipped knowledge/ and writes
 * dist/knowledge-snapshot.json, so a fresh `batuta oracle` process skips YAML parsing. The loader
 * uses the snapshot only while its fingerprint matches the files.
 */
import { writeFileSync } from 'node:fs';
import {
  defaultKnowledgeDir,
  defaultSnapshotPath,
  fingerprint,
  parseKnowledge,
  readSources,
} from './load.js';

/** Writes the snapshot of the shipped knowledge and returns its path. */
export function writeSnapshot(dir = defaultKnowledgeDir(), path = defaultSnapshotPath()): string {
  const sources = readSources(dir);
  const knowledge = parseKnowledge(sources);
  writeFileSync(path, JSON.stringify({ fingerprint: fingerprint(sources), knowledge }));
  return path;
}
