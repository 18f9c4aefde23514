/**
 * The compiled lexicon of the shipped oracle, written by the build (build/oracle-lexicon.ts) and read back
 * in one structured-clone pass (node:v8) instead of compiling the knowledge base in every fresh process.
 * Whatever compileLexicon produces is stored as it is, so changes to the oracle's code flow through at the
 * next build. A snapshot is used only when both match: the code (the id the bundler compiles into the
 * installed CLI, a hash of src/; code run from the sources has no id and always compiles) and the inputs
 * (knowledge, component documents, meanings table, word vectors file, stemmer). The word vectors file itself
 * is not stored: the process reads the words it needs from it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { defaultSnapshotPath } from '../knowledge/load.js';
import type { Knowledge } from '../knowledge/schema.js';
import { createStemmer, STEMMER_ID } from '../text/stem.js';
import { compileLexicon, type Lexicon, type SoftMatching } from './lexicon.js';

/** Set by the bundler (build/bundle-cli.ts) to the hash of the sources it bundled; absent elsewhere. */
declare const BATUTA_BUILD_ID: string | undefined;

/** The id of the code running, or null when it runs from the sources (tests, tsc output). */
export function runningBuildId(): string | null {
  return typeof BATUTA_BUILD_ID === 'string' ? BATUTA_BUILD_ID : null;
}

/** Where the build writes the snapshot: beside the knowledge snapshot. */
export function defaultLexiconPath(): string {
  return join(dirname(defaultSnapshotPath()), 'oracle-lexicon.bin');
}

/** What compileLexicon is given, for one process: the stems cache is left out, it changes no result. */
export interface LexiconInputs {
  readonly knowledge: Knowledge;
  readonly documents: ReadonlyMap<string, string>;
  readonly soft: SoftMatching;
}

/** A hash of everything the lexicon is compiled from, besides the code. */
export function inputsKey(inputs: LexiconInputs): string {
  const { meanings, threshold, words, model } = inputs.soft;
  return createHash('sha256')
    .update(STEMMER_ID)
    .update(JSON.stringify(inputs.knowledge))
    .update(JSON.stringify([...inputs.documents]))
    .update(JSON.stringify(meanings === undefined ? null : [meanings.anchorsKey, [...meanings.nearest]]))
    .update(JSON.stringify(threshold ?? null))
    .update(JSON.stringify(words?.header.key ?? null))
    .update(JSON.stringify(model?.header.key ?? null))
    .digest('hex');
}

/** Compiles the lexicon of `inputs` and writes it with the code id and the inputs' key. */
export function writeLexiconSnapshot(
  build: string,
  inputs: LexiconInputs,
  path = defaultLexiconPath(),
): void {
  const { knowledge, documents, soft } = inputs;
  const {
    stemWord: _stemmer,
    words: _words,
    model: _model,
    ...lexicon
  } = compileLexicon(knowledge, undefined, documents, soft);
  writeFileSync(path, serialize({ build, key: inputsKey(inputs), lexicon }));
}

/**
 * The build's lexicon for `inputs` when the snapshot was written by this code for these inputs, else
 * null (the caller compiles). A missing, unreadable or foreign file is null too.
 */
export function readLexiconSnapshot(
  inputs: LexiconInputs,
  build: string | null = runningBuildId(),
  path = defaultLexiconPath(),
): Lexicon | null {
  if (build === null) return null;
  let stored: { build?: unknown; key?: unknown; lexicon?: Omit<Lexicon, 'stemWord' | 'words' | 'model'> };
  try {
    stored = deserialize(readFileSync(path));
  } catch {
    return null;
  }
  if (stored.build !== build || stored.key !== inputsKey(inputs) || stored.lexicon === undefined) return null;
  return { ...stored.lexicon, stemWord: createStemmer(), words: inputs.soft.words, model: inputs.soft.model };
}
