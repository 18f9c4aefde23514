/**
 * Writes the shipped model files into embeddings/ and records their sha256 and size in manifest.json,
 * which loading verifies.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Manifest, sha256, writeAtomic, writeWordModel } from '../dense/model-files.js';
import type { WordVectors } from '../wordvec/skipgram.js';

/** Describes how the shipped files were made, kept in the manifest for the model cards and tools. */
export type ModelNotes = Record<string, Record<string, unknown>>;

function readExisting(dir: string): Manifest {
  const path = join(dir, 'manifest.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : { files: {} };
}

function writeManifest(dir: string, manifest: Manifest): void {
  const sorted = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeAtomic(join(dir, 'manifest.json'), `${JSON.stringify({ ...manifest, files: sorted }, null, 2)}\n`);
}

/** Writes the embedder files and updates their manifest entries. */
export function packageEmbedder(dir: string, vectors: WordVectors, notes: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  const manifest = readExisting(dir);
  const files = { ...manifest.files, ...writeWordModel(dir, vectors) };
  writeManifest(dir, { files, models: { ...manifest.models, embedder: notes } });
}

/** Writes one more file (the reranker) and its manifest entry. */
export function packageFile(
  dir: string,
  name: string,
  bytes: Buffer,
  model: string,
  notes: Record<string, unknown>,
): void {
  packageFiles(dir, { [name]: bytes }, model, notes);
}

/** Writes the files of one model (file name -> bytes) and their manifest entries, with the model's notes. */
export function packageFiles(
  dir: string,
  written: Record<string, Buffer>,
  model: string,
  notes: Record<string, unknown>,
): void {
  mkdirSync(dir, { recursive: true });
  const manifest = readExisting(dir);
  const files = { ...manifest.files };
  for (const [name, bytes] of Object.entries(written)) {
    writeAtomic(join(dir, name), bytes);
    files[name] = { sha256: sha256(bytes), bytes: bytes.length };
  }
  writeManifest(dir, { files, models: { ...manifest.models, [model]: notes } });
}
