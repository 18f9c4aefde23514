/**
 * Fetches the documentation corpora the hand-written question sets are graded against:
 *   node dist/bench/retrieval/fetch-doc-corpora.js [--cache DIR]
 * Each Debian package is downloaded in the version its set was graded against (and checked against the
 * pinned hash) and extracted once into bench/cache/doc-corpora; a line per corpus says its folder and how
 * many files and HTML pages it holds. Without apt it skips with a note (exit 0).
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { fetchDebianPackage } from '../lib/debian-package.js';
import { findRepoRoot } from '../lib/repo.js';
import { DOC_CORPORA, docCorporaCache, docCorpusRoot } from './doc-corpora.js';

/** Every file under `root`, relative, forward slashes. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

function main(argv: string[]): number {
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: { cache: { type: 'string' } },
    strict: true,
  });
  const repo = findRepoRoot(import.meta.dirname);
  const cache = values.cache ?? docCorporaCache(repo);
  for (const corpus of DOC_CORPORA) {
    const fetched = fetchDebianPackage(corpus.pkg, cache, corpus.pin);
    if ('skipped' in fetched) {
      process.stderr.write(`fetch-doc-corpora: note: skipped ${corpus.name}, ${fetched.skipped}\n`);
      continue;
    }
    const root = docCorpusRoot(cache, corpus);
    const files = filesUnder(root);
    const pages = files.filter((file) => file.endsWith('.html')).length;
    process.stdout.write(
      `fetch-doc-corpora: ${corpus.name} (${corpus.pkg}, ${corpus.builder}): ${files.length} files, ` +
        `${pages} HTML pages in ${root}\n`,
    );
  }
  return 0;
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
