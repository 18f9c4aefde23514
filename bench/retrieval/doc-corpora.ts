/**
 * Real documentation folders the quality bench scores with hand-written question sets: each is one Debian
 * documentation package, fetched with `apt-get download` + `dpkg -x` into the git-ignored bench cache and
 * indexed as shipped (generated files included). None of them may be a package the models were trained on
 * or one held out for an independent check.
 */
import { join } from 'node:path';
import type { DebianPin } from '../lib/debian-package.js';

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
  /** The package build the set was graded against (fetched only in that version and with that hash). */
  readonly pin: DebianPin;
}

export const DOC_CORPORA: readonly DocCorpus[] = [
  {
    name: 'flask',
    pkg: 'python-flask-doc',
    docDir: 'usr/share/doc/python-flask-doc/html',
    builder: 'Sphinx',
    questions: 'bench/retrieval/flask-questions.yaml',
    pin: { version: '2.2.2-3', sha256: '0659f6a04b15fe3f907150cadc0399fe987c790e722e001b73f7e49fa5ecca15' },
  },
  {
    name: 'nodejs',
    pkg: 'nodejs-doc',
    docDir: 'usr/share/doc/nodejs/api',
    builder: "Node.js's doc tool",
    questions: 'bench/retrieval/nodejs-questions.yaml',
    pin: {
      version: '18.20.4+dfsg-1~deb12u2',
      sha256: '9f674d3536be94923bb8720c48ec17bc92b8de62f2954c3172b59a3ada1de65f',
    },
  },
  {
    name: 'celery',
    pkg: 'python-celery-doc',
    docDir: 'usr/share/doc/python-celery-doc/html',
    builder: 'Sphinx (with viewcode)',
    questions: 'bench/retrieval/celery-questions.yaml',
    pin: { version: '5.2.6-5', sha256: '820d22b28d4f15c08305e21dbb04bdc626e3f6d3f2ec0c295d56e070febd7dc4' },
  },
  {
    name: 'tornado',
    pkg: 'python-tornado-doc',
    docDir: 'usr/share/doc/python-tornado-doc/html',
    builder: 'Sphinx (with viewcode, one release-notes page per version)',
    questions: 'bench/retrieval/tornado-questions.yaml',
    pin: {
      version: '6.2.0-3+deb12u4',
      sha256: '854ca846655975838c1c8c5058b31a46f963e3bcd229b5e2b209b28fffd50c9f',
    },
  },
  {
    name: 'ipython',
    pkg: 'python-ipython-doc',
    docDir: 'usr/share/doc/python-ipython-doc/html',
    builder: 'Sphinx (whatsnew/ holds more text than the other pages)',
    questions: 'bench/retrieval/ipython-questions.yaml',
    pin: { version: '8.5.0-4', sha256: '33b74c655f10f47c8434de1b2e09d1f7f8928758b7ae86a89c3b53b75338cdb6' },
  },
  {
    name: 'apache',
    pkg: 'apache2-doc',
    docDir: 'usr/share/doc/apache2-doc/manual/en',
    builder: "httpd's XML + XSLT manual build (not Sphinx; one page per module, 6 en/ pages in Portuguese)",
    questions: 'bench/retrieval/apache-questions.yaml',
    pin: {
      version: '2.4.71-1~deb12u1',
      sha256: 'a7b3d1131c1c63dbf9999b28e75f9a133d30f70492b419936bd51759ac77a01f',
    },
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
