/**
 * Trains the reranker's translation table from every training package's pairs (translation-pairs.ts).
 * The natural-question expert's training heads are scored with the same table, so it has seen their
 * questions: tables that had not (two folds of packages, or of questions, each scoring the heads of the
 * other) gave the column a weight of 0.05–0.13 and no gain on the dev halves, this one 0.8 and a gain
 * (bench/RESULTS.md "Issue 11, round 6: translation feature").
 */
import { readFileSync } from 'node:fs';
import type { TranslationRows } from '../rerank/translation-table.js';
import type { PackageText } from './package-selection.js';
import { TRANSLATION_DEFAULTS, type TranslationOptions, trainTranslation } from './translation-model.js';
import { createPairAnalyzer, packagePairs } from './translation-pairs.js';

/** The table learnt from the training packages' text files, and how many pairs it learnt from. */
export function trainTranslationTable(
  packages: readonly PackageText[],
  log: (line: string) => void,
  options: TranslationOptions = TRANSLATION_DEFAULTS,
): { rows: TranslationRows; pairs: number } {
  const stem = createPairAnalyzer();
  const pairs = packages.flatMap((pkg) => packagePairs(pkg.name, readFileSync(pkg.file, 'utf8'), stem));
  const rows = trainTranslation(pairs, options);
  log(`translation: ${pairs.length} pairs, ${rows.size} question stems`);
  return { rows, pairs: pairs.length };
}
