/**
 * Which training packages a reranker training run learns from: all of them, or all but the ones a
 * leave-package-out evaluation holds out (bench/retrieval/lpo.ts), so nothing of those packages (written
 * questions, heading and asked questions, translation pairs) reaches the model.
 */
import { InvalidInputError } from '../../errors.js';
import { MODEL_PACKAGES, TRAINING_PACKAGES } from './debian-corpus.js';

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

/**
 * Refuses an unknown or repeated name, or a list that would leave no package to train on. An
 * evaluation-only package may be named (leave-package-out fold 4 holds them out): no model trains on it anyway.
 */
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
  if (MODEL_PACKAGES.every((pkg) => seen.has(pkg.name)))
    throw new InvalidInputError('--exclude-packages leaves no package to train on (drop some names)');
}

/** Every package with its text file (`files`, in TRAINING_PACKAGES order), evaluation-only ones included. */
export function packageTexts(files: readonly string[]): PackageText[] {
  if (files.length !== TRAINING_PACKAGES.length)
    throw new InvalidInputError(
      `${files.length} text files for ${TRAINING_PACKAGES.length} training packages`,
    );
  return TRAINING_PACKAGES.map((pkg, i) => ({ name: pkg.name, file: files[i]! }));
}

/**
 * The packages the models train on (MODEL_PACKAGES: no evaluation-only one) with their text files
 * (`files`, in TRAINING_PACKAGES order) except `excluded` (checked by `checkExcluded`).
 */
export function selectPackages(files: readonly string[], excluded: readonly string[] = []): PackageText[] {
  checkExcluded(excluded);
  const trained = new Set(MODEL_PACKAGES.map((pkg) => pkg.name));
  return packageTexts(files).filter((pkg) => trained.has(pkg.name) && !excluded.includes(pkg.name));
}
