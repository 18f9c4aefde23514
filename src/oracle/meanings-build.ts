/**
 * Build step (`npm run build` runs it after the knowledge snapshot): computes the nearest anchor of every
 * word of the shipped word embedder (meanings.ts) and writes dist/oracle-meanings.json, so a fresh
 * `batuta oracle` reads a small table instead of loading vectors. A table computed for other anchors is
 * ignored by the lexicon, and a missing one turns soft matching off.
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadKnowledge } from '../knowledge/load.js';
import { readEmbedderWords } from '../retrieval/dense/model-files.js';
import { REBUILD_SHIPPED, shippedModelDir } from '../retrieval/models/provider.js';
import { compileLexicon } from './lexicon.js';
import { anchorWords, computeMeanings } from './meanings.js';
import { defaultMeaningsPath } from './meanings-snapshot.js';
import { defaultWordSpacePath } from './word-space.js';
import { writeWordSpace } from './word-space-build.js';

/**
 * Computes the table from the shipped knowledge and word vectors and writes it, with the word vectors file
 * questions are read with by meaning (word-space-build.ts) beside it; returns the table's path.
 */
export function writeMeaningsSnapshot(path = defaultMeaningsPath(), modelDir = shippedModelDir()): string {
  const embedder = readEmbedderWords(modelDir, REBUILD_SHIPPED);
  writeWordSpace(join(dirname(path), basename(defaultWordSpacePath())), modelDir, embedder);
  const lexicon = compileLexicon(loadKnowledge());
  const anchors = anchorWords([lexicon.phrases, lexicon.vocabulary]);
  const meanings = computeMeanings(embedder, embedder.dim, anchors);
  const rows = [...meanings.nearest].map(([word, m]) => [word, m.anchor, m.similarity]);
  writeFileSync(path, JSON.stringify({ anchorsKey: meanings.anchorsKey, rows }));
  return path;
}
