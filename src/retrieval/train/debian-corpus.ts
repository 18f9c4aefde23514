/**
 * Training text from Debian documentation packages, fetched with `apt-get download` + `dpkg -x` into a
 * git-ignored cache. The two packages held out for evaluation (postgresql-doc-15, manpages-dev) are refused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { InvalidInputError, ToolMissingError } from '../../errors.js';
import { htmlToText } from './html-text.js';

/** A documentation package and which part of its html tree to read (all of `docDir` when no subdirs). */
export interface TrainingPackage {
  readonly name: string;
  readonly docDir: string;
  readonly maxChars: number;
  readonly subdirs?: readonly string[];
  /**
   * Fetched and extracted like the others, but no model trains on it: its written questions are scored by
   * the leave-package-out evaluation (bench/retrieval/lpo.ts, fold 4) as folders of a kind the shipped
   * reranker never saw. Training on them was measured and did not ship (bench/RESULTS.md, session 15 s15-train).
   */
  readonly evaluationOnly?: boolean;
}

/**
 * Packages fetched for training, with a cap on text characters so one package cannot dominate; the
 * evaluation-only ones are fetched and extracted alike, but only `MODEL_PACKAGES` train a model.
 */
export const TRAINING_PACKAGES: ReadonlyArray<TrainingPackage> = [
  {
    name: 'rust-doc',
    docDir: 'rust-doc/html',
    maxChars: 9_000_000,
    subdirs: [
      'book',
      'rust-by-example',
      'reference',
      'nomicon',
      'edition-guide',
      'embedded-book',
      'rustc',
      'rustdoc',
      'std',
    ],
  },
  { name: 'python3.11-doc', docDir: 'python3.11', maxChars: 9_000_000 },
  { name: 'python-sklearn-doc', docDir: 'python-sklearn-doc', maxChars: 5_000_000 },
  { name: 'python-scipy-doc', docDir: 'python-scipy-doc', maxChars: 4_000_000 },
  { name: 'python-pandas-doc', docDir: 'python-pandas-doc', maxChars: 4_000_000 },
  { name: 'python-statsmodels-doc', docDir: 'python-statsmodels-doc', maxChars: 3_000_000 },
  { name: 'llvm-15-doc', docDir: 'llvm-15-doc', maxChars: 4_000_000 },
  { name: 'cmake-doc', docDir: 'cmake-data', maxChars: 2_000_000 },
  { name: 'git-doc', docDir: 'git-doc', maxChars: 2_000_000 },
  { name: 'sqlite3-doc', docDir: 'sqlite3', maxChars: 2_000_000 },
  { name: 'python-sqlalchemy-doc', docDir: 'python-sqlalchemy-doc', maxChars: 2_000_000 },
  { name: 'python-pytest-doc', docDir: 'python-pytest-doc', maxChars: 1_500_000 },
  // Books of short dedicated pages (one per command, option or concept, as mdBook/MkDocs folders are).
  {
    name: 'python-markdown-doc',
    docDir: 'python-markdown-doc/docs',
    maxChars: 1_500_000,
    evaluationOnly: true,
  },
  { name: 'mkdocs-doc', docDir: 'mkdocs/html', maxChars: 1_500_000, evaluationOnly: true },
];

/** The packages the models learn from: the embedder's word vectors and the reranker's questions. */
export const MODEL_PACKAGES: ReadonlyArray<TrainingPackage> = TRAINING_PACKAGES.filter(
  (pkg) => !pkg.evaluationOnly,
);

/** Held out for the evaluation engineer's Debian heading→section set: never train on them. */
export const HELD_OUT_PACKAGES = ['postgresql-doc-15', 'manpages-dev'] as const;

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.error)
    throw new ToolMissingError(`train: cannot run ${command} (${result.error.message}; run on Debian)`);
  if (result.status !== 0) {
    throw new ToolMissingError(`train: ${command} ${args.join(' ')} failed: ${String(result.stderr).trim()}`);
  }
}

/** Downloads and unpacks the training packages into `cacheDir` (skips what is already there). */
export function fetchPackages(cacheDir: string, log: (line: string) => void): string {
  const debs = join(cacheDir, 'debs');
  const tree = join(cacheDir, 'x');
  mkdirSync(debs, { recursive: true });
  mkdirSync(tree, { recursive: true });
  for (const pkg of TRAINING_PACKAGES) {
    if ((HELD_OUT_PACKAGES as readonly string[]).includes(pkg.name)) {
      throw new InvalidInputError(`train: ${pkg.name} is held out for evaluation (remove it from the list)`);
    }
    if (readdirSync(debs).some((f) => f.startsWith(`${pkg.name}_`))) continue;
    log(`apt-get download ${pkg.name}`);
    run('apt-get', ['download', pkg.name], debs);
  }
  const wanted = (file: string) => TRAINING_PACKAGES.some((pkg) => file.startsWith(`${pkg.name}_`));
  for (const file of readdirSync(debs).sort().filter(wanted)) {
    const marker = join(tree, `.${file}.done`);
    if (existsSync(marker)) continue;
    run('dpkg', ['-x', join(debs, file), tree], cacheDir);
    writeFileSync(marker, '');
  }
  return tree;
}

function listHtml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name.startsWith('_') ? [] : listHtml(path);
      const wanted = entry.name.endsWith('.html') && entry.name !== 'print.html';
      return wanted && statSync(path).size < 2_000_000 ? [path] : [];
    });
}

/** A page of a package: its html path under the package's doc folder and its text. */
export interface PackagePage {
  readonly path: string;
  readonly text: string;
}

/** One package's pages as text, in file-name order, up to its character cap. */
export function packagePages(tree: string, pkg: TrainingPackage): PackagePage[] {
  const pages: PackagePage[] = [];
  const root = join(tree, 'usr/share/doc', pkg.docDir);
  const files = pkg.subdirs ? pkg.subdirs.flatMap((dir) => listHtml(join(root, dir))) : listHtml(root);
  let total = 0;
  for (const file of files) {
    const text = htmlToText(readFileSync(file, 'utf8'));
    if (text.length < 200) continue;
    pages.push({ path: relative(root, file).split(sep).join('/'), text });
    total += text.length;
    if (total >= pkg.maxChars) break;
  }
  return pages;
}

/** The file beside a package's text that names each of its pages (one html path a line, in page order). */
export function pagePathsFile(textFile: string): string {
  return textFile.replace(/\.txt$/, '.paths');
}

/**
 * Extracts every training package's pages into `<cacheDir>/text/<package>.txt` (pages split by form
 * feeds) and their html paths into `<package>.paths` (rebuilt both when either is missing).
 */
export function buildTextCorpus(cacheDir: string, log: (line: string) => void): string[] {
  const tree = fetchPackages(cacheDir, log);
  const outDir = join(cacheDir, 'text');
  mkdirSync(outDir, { recursive: true });
  return TRAINING_PACKAGES.map((pkg) => {
    const out = join(outDir, `${pkg.name}.txt`);
    if (!existsSync(out) || !existsSync(pagePathsFile(out))) {
      const pages = packagePages(tree, pkg);
      writeFileSync(out, pages.map((page) => page.text).join('\n\f\n'));
      writeFileSync(pagePathsFile(out), `${pages.map((page) => page.path).join('\n')}\n`);
      log(`${pkg.name}: ${pages.length} pages`);
    }
    return out;
  });
}

/** The html path of each page of a package's text (`buildTextCorpus`), in page order. */
export function readPagePaths(textFile: string): string[] {
  return readFileSync(pagePathsFile(textFile), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}
