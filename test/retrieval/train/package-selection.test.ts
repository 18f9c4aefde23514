import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors.js';
import { MODEL_PACKAGES, TRAINING_PACKAGES } from '../../../src/retrieval/train/debian-corpus.js';
import {
  checkExcluded,
  packageTexts,
  parsePackageList,
  selectPackages,
} from '../../../src/retrieval/train/package-selection.js';
import { thrown } from '../../thrown.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const FILES = TRAINING_PACKAGES.map((pkg) => `/text/${pkg.name}.txt`);

describe('training package selection', () => {
  it("trains the models on the shipped word vectors' packages only, never on an evaluation-only one", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'embeddings/manifest.json'), 'utf8'));
    expect(MODEL_PACKAGES.map((p) => p.name)).toEqual(manifest.models.embedder.packages);
    const evaluation = TRAINING_PACKAGES.filter((p) => p.evaluationOnly).map((p) => p.name);
    expect(evaluation.length).toBeGreaterThan(0);
    expect(selectPackages(FILES).map((p) => p.name)).toEqual(manifest.models.embedder.packages);
    expect(selectPackages(FILES, evaluation).map((p) => p.name)).toEqual(manifest.models.embedder.packages);
    expect(packageTexts(FILES).map((p) => p.name)).toEqual(TRAINING_PACKAGES.map((p) => p.name));
  });

  it('reads a comma-separated list, blanks dropped', () => {
    expect(parsePackageList(' git-doc, ,sqlite3-doc,')).toEqual(['git-doc', 'sqlite3-doc']);
    expect(parsePackageList('')).toEqual([]);
  });

  it('keeps every model package, with its own text file, when none is excluded', () => {
    const all = selectPackages(FILES);
    expect(all.map((p) => p.name)).toEqual(MODEL_PACKAGES.map((p) => p.name));
    for (const pkg of all) expect(pkg.file).toBe(`/text/${pkg.name}.txt`);
  });

  it('leaves out exactly the excluded packages, keeping the order of the rest', () => {
    const kept = selectPackages(FILES, ['sqlite3-doc', 'rust-doc']);
    expect(kept).toHaveLength(MODEL_PACKAGES.length - 2);
    expect(kept.map((p) => p.name)).not.toContain('sqlite3-doc');
    expect(kept.map((p) => p.name)).not.toContain('rust-doc');
    expect(kept.map((p) => p.name)).toEqual(
      MODEL_PACKAGES.map((p) => p.name).filter((n) => n !== 'sqlite3-doc' && n !== 'rust-doc'),
    );
    for (const pkg of kept) expect(pkg.file).toBe(`/text/${pkg.name}.txt`);
  });

  it('refuses unknown and repeated names, and excluding every package', () => {
    const refused = (run: () => unknown) => thrown(InvalidInputError, run).message;
    expect(refused(() => checkExcluded(['no-such-doc']))).toMatch(
      /unknown package "no-such-doc" \(known: rust-doc/,
    );
    expect(refused(() => checkExcluded(['git-doc', 'git-doc']))).toMatch(/"git-doc" twice/);
    const everything = MODEL_PACKAGES.map((p) => p.name);
    expect(refused(() => checkExcluded(everything))).toMatch(/no package to train on/);
    const n = TRAINING_PACKAGES.length;
    expect(refused(() => selectPackages(FILES.slice(1)))).toMatch(
      new RegExp(`${n - 1} text files for ${n} training packages`),
    );
  });

  it('the built trainer refuses a bad --exclude-packages in one line before any work', () => {
    const main = join(ROOT, 'dist/src/retrieval/train/main.js');
    const run = (args: string[]) => spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
    const alone = run(['--exclude-packages', 'git-doc']);
    expect(alone.status).toBe(1);
    expect(alone.stderr.trim().split('\n')).toHaveLength(1);
    expect(alone.stderr).toMatch(/applies to the reranker only \(add --reranker-only\)/);
    const unknown = run([
      '--reranker-only',
      '--exclude-packages',
      'git-doc,nope-doc',
      '--cache',
      '/nonexistent',
    ]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/unknown package "nope-doc"/);
  });

  it('the built trainer refuses an unknown --train-heads, and --keep-indexes without stored heads, in one line', () => {
    const main = join(ROOT, 'dist/src/retrieval/train/main.js');
    const run = (args: string[]) => spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
    const unknown = run(['--reranker-only', '--train-heads', 'wink', '--cache', '/nonexistent']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/--train-heads wink is unknown \(give memory, .* or stored\)/);
    const kept = run(['--reranker-only', '--keep-indexes', '/tmp/x', '--cache', '/nonexistent']);
    expect(kept.status).toBe(1);
    expect(kept.stderr.trim().split('\n')).toHaveLength(1);
    expect(kept.stderr).toMatch(/add --train-heads stored/);
  });
});
