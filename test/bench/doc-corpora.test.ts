import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedRule } from '../../bench/lib/generated-files.js';
import { loadQuestionSet } from '../../bench/lib/question-set.js';
import { DOC_CORPORA, docCorpusRoot, RESERVED_PACKAGES } from '../../bench/retrieval/doc-corpora.js';
import { corpusRootOf, setPath } from '../../bench/retrieval/set-location.js';
import { BatutaError } from '../../src/errors.js';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every package the shipped models name as trained on or held out, from their manifest. */
function modelPackages(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'embeddings/manifest.json'), 'utf8')) as {
    models: Record<string, { packages?: string[]; heldOut?: string[] }>;
  };
  return Object.values(manifest.models).flatMap((model) => [
    ...(model.packages ?? []),
    ...(model.heldOut ?? []),
  ]);
}

describe('documentation corpora of the quality bench', () => {
  it('use no package the models were trained on or held out for, and never the reserved one', () => {
    const used = DOC_CORPORA.map((corpus) => corpus.pkg);
    const models = modelPackages();
    expect(models).toContain('rust-doc');
    expect(used.filter((pkg) => models.includes(pkg))).toEqual([]);
    expect(RESERVED_PACKAGES).toContain('python-django-doc');
    expect(used.filter((pkg) => RESERVED_PACKAGES.includes(pkg))).toEqual([]);
    expect(new Set(DOC_CORPORA.map((corpus) => corpus.name)).size).toBe(DOC_CORPORA.length);
  });

  it('each has a committed set: >= 40 questions (ipython, a second check, >= 20), half dev, at least half low-overlap, written pages only', () => {
    for (const corpus of DOC_CORPORA) {
      const file = setPath(ROOT, corpus.name);
      expect(file).toBe(join(ROOT, corpus.questions));
      const set = loadQuestionSet(file);
      expect(set.corpus).toBe(corpus.name);
      const n = set.questions.length;
      expect(n).toBeGreaterThanOrEqual(corpus.name === 'ipython' ? 20 : 40);
      const dev = set.questions.filter((q) => q.split === 'dev').length;
      expect(Math.abs(dev - n / 2)).toBeLessThanOrEqual(1);
      expect(set.questions.filter((q) => q.low_overlap).length).toBeGreaterThanOrEqual(n / 2);
      for (const question of set.questions) {
        for (const judged of Object.keys(question.relevant)) {
          expect(judged, question.id).toMatch(/^[\w./-]+\.html$/);
          expect(judged.startsWith('/') || judged.includes('..'), question.id).toBe(false);
          expect(generatedRule(judged), `${question.id} ${judged}`).toBeNull();
        }
      }
    }
  });

  it('grade a page that answers each question, and judge only files the fetched corpus holds', () => {
    for (const corpus of DOC_CORPORA) {
      const set = loadQuestionSet(join(ROOT, corpus.questions));
      for (const question of set.questions) {
        expect(Object.values(question.relevant), `${corpus.name} ${question.id}`).toContain(2);
      }
      const root = docCorpusRoot(join(ROOT, 'bench/cache/doc-corpora'), corpus);
      if (!existsSync(root)) continue;
      const judged = set.questions.flatMap((question) => Object.keys(question.relevant));
      expect(
        judged.filter((file) => !existsSync(join(root, file))),
        corpus.name,
      ).toEqual([]);
    }
  });

  it('the celery set grades its guide pages: reference pages 1 at most, no changelog', () => {
    const set = loadQuestionSet(setPath(ROOT, 'celery'));
    const grades = set.questions.flatMap((question) => Object.entries(question.relevant));
    expect(grades.filter(([file, grade]) => file.startsWith('reference/') && grade > 1)).toEqual([]);
    expect(grades.filter(([file]) => file.startsWith('history/'))).toEqual([]);
    const lowByHalf = (split: string) =>
      set.questions.filter((question) => question.split === split && question.low_overlap).length;
    expect(Math.abs(lowByHalf('dev') - lowByHalf('test'))).toBeLessThanOrEqual(2);
  });

  it('the tornado and ipython sets ask about changes a quarter of the time and grade release pages only then', () => {
    for (const name of ['tornado', 'ipython']) {
      const set = loadQuestionSet(setPath(ROOT, name));
      const changes = set.questions.filter((question) => question.about_changes === true);
      expect(changes.length / set.questions.length, name).toBeGreaterThanOrEqual(0.2);
      const history = (file: string) => file.startsWith('releases') || file.startsWith('whatsnew/');
      for (const question of set.questions) {
        const graded = Object.entries(question.relevant).filter(
          ([file, grade]) => history(file) && grade > 0,
        );
        if (question.about_changes === true) expect(graded.length, question.id).toBeGreaterThan(0);
        else expect(graded, question.id).toEqual([]);
      }
    }
  });

  it('pin each package to the build its set was graded against, and the fetched .deb has that hash', () => {
    for (const corpus of DOC_CORPORA) {
      expect(corpus.pin.version, corpus.name).toMatch(/^[\w.+~:-]+$/);
      expect(corpus.pin.sha256, corpus.name).toMatch(/^[0-9a-f]{64}$/);
      const deb = join(ROOT, 'bench/cache/doc-corpora/debs', `${corpus.pkg}_${corpus.pin.version}_all.deb`);
      if (!existsSync(deb)) continue;
      expect(createHash('sha256').update(readFileSync(deb)).digest('hex'), corpus.name).toBe(
        corpus.pin.sha256,
      );
    }
  });

  it('the apache set grades no hub or generated table, and version pages only for change questions', () => {
    const set = loadQuestionSet(setPath(ROOT, 'apache'));
    const hubs = /(^|\/)index\.html$|^sitemap\.html$|^mod\/(directives|quickreference|overrides)\.html$/;
    const history = /^(new_features_[\d_]+|upgrading|developer\/new_api_[\d_]+)\.html$/;
    for (const question of set.questions) {
      const graded = Object.keys(question.relevant);
      expect(
        graded.filter((file) => hubs.test(file)),
        question.id,
      ).toEqual([]);
      if (question.about_changes !== true)
        expect(
          graded.filter((file) => history.test(file)),
          question.id,
        ).toEqual([]);
    }
    expect(set.questions.filter((question) => question.about_changes === true).length).toBeGreaterThanOrEqual(
      6,
    );
  });

  it('name the fetch command when a corpus has not been fetched', () => {
    const repo = tempDir('doc-corpora-');
    const corpus = DOC_CORPORA[0]!;
    const file = join(ROOT, corpus.questions);
    let error: unknown;
    try {
      corpusRootOf(repo, loadQuestionSet(file), file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BatutaError);
    expect((error as BatutaError).code).toBe('NOT_FOUND');
    expect((error as Error).message).toContain('node dist/bench/retrieval/fetch-doc-corpora.js');
    expect((error as Error).message).toContain(docCorpusRoot(join(repo, 'bench/cache/doc-corpora'), corpus));
  });

  it('fetch-doc-corpora.js skips every corpus with a note and exit 0 when apt-get is unavailable', () => {
    const cache = tempDir('doc-corpora-cache-');
    const script = join(ROOT, 'dist/bench/retrieval/fetch-doc-corpora.js');
    const run = spawnSync(process.execPath, [script, '--cache', cache], {
      encoding: 'utf8',
      env: { PATH: join(cache, 'no-bin') },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const notes = run.stderr.trim().split('\n');
    expect(notes).toHaveLength(DOC_CORPORA.length);
    for (const [i, corpus] of DOC_CORPORA.entries()) {
      expect(notes[i]).toMatch(new RegExp(`^fetch-doc-corpora: note: skipped ${corpus.name}, apt-get`));
    }
    expect(existsSync(join(cache, 'root'))).toBe(false);
  });
});

describe('generatedRule', () => {
  it('marks what Sphinx and the Node.js doc tool generate, not the written pages', () => {
    expect(generatedRule('searchindex.js')).toBe('sphinx searchindex.js');
    expect(generatedRule('genindex-A.html')).toBe('sphinx genindex');
    expect(generatedRule('_sources/deploying/nginx.rst.txt')).toBe('sphinx _sources');
    expect(generatedRule('_static/jquery.js')).toBe('sphinx _static');
    expect(generatedRule('search.html')).toBe('sphinx search page');
    expect(generatedRule('all.html')).toBe('node all.html');
    expect(generatedRule('assets/api.js')).toBe('node assets');
    for (const page of [
      'quickstart.html',
      'deploying/nginx.html',
      'patterns/sqlite3.html',
      'fs.html',
      'research.html',
    ]) {
      expect(generatedRule(page), page).toBeNull();
    }
  });
});
