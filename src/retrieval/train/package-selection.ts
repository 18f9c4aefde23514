/**
 * Which training packages a reranker training run learns from: all of them, or all but the ones a
 * leave-package-out evaluation holds out (bench/retrieval/lpo.ts), so nothing of those packages (written
 * questions, heading and asked questions, translation pairs) reaches the model.
 */
import { InvalidInputError } from '../../errors.js';
import { TRAINING_PACKAGES } from './debian-corpus.js';

/** A training package and its extracted text file (`buildTextCorpus`). */
export interface PackageText {
  readonly name: string;
  readonly file: string;
}

/** The package names of a comma-separated list (`a,b`), blanks dropped, in the order given. */
export function parsePackageList(list: string): string[] {
  return list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** Refuses an unknown or repeated name, or a list that would leave no package to train on. */
export function checkExcluded(excluded: readonly string[]): void {
  const known = TRAINING_PACKAGES.map((pkg) => pkg.name);
  const seen = new Set<string>();
  for (const name of excluded) {
    if (!known.includes(name))
      throw new InvalidInputError(
        `--exclude-packages names an unknown package "${name}" (known: ${known.join(', ')})`,
      );
    if (seen.has(name)) throw new InvalidInputError(`--exclude-packages names "${name}" twice`);
    seen.add(name);
  }
  if (seen.size === known.length)
    throw new InvalidInputError('--exclude-packages leaves no package to train on (drop some names)');
}

/**
 * The training packages with their text files (`files`, in TRAINING_PACKAGES order) except `excluded`
 * (checked by `checkExcluded`).
 */
export function selectPackages(files: readonly string[], excluded: readonly string[] = []): PackageText[] {
  checkExcluded(excluded);
  if (files.length !== TRAINING_PACKAGES.length)
    throw new InvalidInputError(
      `${files.length} text files for ${TRAINING_PACKAGES.length} training packages`,
    );
  return TRAINING_PACKAGES.flatMap((pkg, i) =>
    excluded.includes(pkg.name) ? [] : [{ name: pkg.name, file: files[i]! }],
  );
}
