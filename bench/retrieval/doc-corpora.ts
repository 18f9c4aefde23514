/**
 * Real documentation folders the quality bench scores with hand-written question sets: each is one Debian
 * documentation package, fetched with `apt-get download` + `dpkg -x` into the git-ignored bench cache and
 * indexed as shipped (generated files included). None of them may be a package the models were trained on
 * or one held out for an independent check.
 */
import { join } from 'node:path';

export interface DocCorpus {
  /** Corpus name in a question set's `corpus` field and in `eval.js --set`. */
  readonly name: string;
  /** The Debian package that ships the folder. */
  readonly pkg: string;
  /** The documentation folder inside the extracted package: the collection root. */
  readonly docDir: string;
  /** What built the folder (its generated files differ). */
  readonly builder: string;
  /** The question set, relative to the repository root. */
  readonly questions: string;
}

export const DOC_CORPORA: readonly DocCorpus[] = [
  {
    name: 'flask',
    pkg: 'python-flask-doc',
    docDir: 'usr/share/doc/python-flask-doc/html',
    builder: 'Sphinx',
    questions: 'bench/retrieval/flask-questions.yaml',
  },
  {
    name: 'nodejs',
    pkg: 'nodejs-doc',
    docDir: 'usr/share/doc/nodejs/api',
    builder: "Node.js's doc tool",
    questions: 'bench/retrieval/nodejs-questions.yaml',
  },
  {
    name: 'celery',
    pkg: 'python-celery-doc',
    docDir: 'usr/share/doc/python-celery-doc/html',
    builder: 'Sphinx (with viewcode)',
    questions: 'bench/retrieval/celery-questions.yaml',
  },
  {
    name: 'tornado',
    pkg: 'python-tornado-doc',
    docDir: 'usr/share/doc/python-tornado-doc/html',
    builder: 'Sphinx (with viewcode, one release-notes page per version)',
    questions: 'bench/retrieval/tornado-questions.yaml',
  },
  {
    name: 'ipython',
    pkg: 'python-ipython-doc',
    docDir: 'usr/share/doc/python-ipython-doc/html',
    builder: 'Sphinx (whatsnew/ holds more text than the other pages)',
    questions: 'bench/retrieval/ipython-questions.yaml',
  },
];

/** Never fetched by the bench: kept for a check that nobody tuned on. */
export const RESERVED_PACKAGES: readonly string[] = ['python-django-doc'];

/** The cache folder the packages are extracted in. */
export function docCorporaCache(repo: string): string {
  return join(repo, 'bench/cache/doc-corpora');
}

/** The collection root of a corpus once fetched into `cache` (fetchDebianPackage's layout). */
export function docCorpusRoot(cache: string, corpus: DocCorpus): string {
  return join(cache, 'root', corpus.pkg, corpus.docDir);
}

/** The corpus called `name`, if any. */
export function findDocCorpus(name: string): DocCorpus | undefined {
  return DOC_CORPORA.find((corpus) => corpus.name === name);
}
