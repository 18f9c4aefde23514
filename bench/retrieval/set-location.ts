/**
 * Where the quality bench finds a question set and the corpus folder it is graded against: the named sets
 * (batuta-docs, specs, debian and the fetched documentation corpora) or any .yaml file with a folder path.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { NotFoundError } from '../../src/errors.js';
import type { QuestionSet } from '../lib/question-set.js';
import { DOC_CORPORA, docCorporaCache, docCorpusRoot, findDocCorpus } from './doc-corpora.js';

/** Where a named set lives; any other value is a path to a set file. */
export function setPath(repo: string, set: string, tool = 'eval'): string {
  const named: Record<string, string> = {
    'batuta-docs': 'bench/retrieval/batuta-docs-questions.yaml',
    specs: 'bench/retrieval/specs-questions.yaml',
    debian: 'bench/cache/debian/headings.yaml',
    ...Object.fromEntries(DOC_CORPORA.map((corpus) => [corpus.name, corpus.questions])),
  };
  const path = named[set] ?? set;
  const full = isAbsolute(path) ? path : resolve(repo, path);
  if (existsSync(full)) return full;
  const hint =
    set === 'debian'
      ? 'build it with: node dist/bench/retrieval/debian-headings.js'
      : `use ${Object.keys(named).join(', ')} or an existing .yaml file`;
  throw new NotFoundError(`${tool}: question set "${set}" not found at ${full} (${hint})`, { set });
}

/** The folder a set's `corpus` names: a known corpus, or a path relative to the set file. */
export function corpusRootOf(
  repo: string,
  set: QuestionSet,
  file: string,
  override?: string,
  tool = 'eval',
): string {
  const known: Record<string, string> = {
    specs: resolve(repo, 'specs'),
    'batuta-docs': resolve(repo, '../shared/corpora/batuta-docs'),
    debian: resolve(repo, 'bench/cache/debian/corpus'),
    ...Object.fromEntries(
      DOC_CORPORA.map((corpus) => [corpus.name, docCorpusRoot(docCorporaCache(repo), corpus)]),
    ),
  };
  const root = override ? resolve(override) : (known[set.corpus] ?? resolve(dirname(file), set.corpus));
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    const fix =
      findDocCorpus(set.corpus) === undefined
        ? 'give --corpus-root DIR'
        : 'fetch it with: node dist/bench/retrieval/fetch-doc-corpora.js';
    throw new NotFoundError(`${tool}: corpus folder ${root} does not exist (${fix})`, { root });
  }
  return root;
}
