import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { splitHtmlSections } from '../../bench/lib/html-sections.js';
import { decodeRoff, nameSummary, parseManPage } from '../../bench/lib/roff-text.js';
import {
  cleanHeading,
  manDocuments,
  postgresDocuments,
  wordOverlap,
} from '../../bench/retrieval/debian-corpus.js';
import { tempDir } from '../temp-dirs.js';

const FILLER = Array.from({ length: 40 }, (_, i) => `detail${i}`).join(' ');

const MAN_OPEN = [
  '.\\" comment',
  '.TH open 2 2023-02-05 "Linux man-pages"',
  '.SH NAME',
  'open, creat \\- open and possibly create a file',
  '.SH DESCRIPTION',
  'The',
  '.BR open ()',
  'call opens',
  '.IR pathname ,',
  'with \\fBflags\\fP and \\[aq]mode\\[aq].',
  '.SS Subsection here',
  FILLER,
].join('\n');

describe('roff to text', () => {
  it('reads the title, sections, font macros and escapes', () => {
    const page = parseManPage(MAN_OPEN);
    expect(page.title).toBe('open');
    expect(page.section).toBe('2');
    expect(page.sections.map((s) => s.heading)).toEqual(['NAME', 'DESCRIPTION']);
    expect(page.sections[1]?.text).toContain("open()\ncall opens\npathname,\nwith flags and 'mode'.");
    expect(page.sections[1]?.text).toContain('Subsection here');
    expect(nameSummary(page)).toBe('open and possibly create a file');
    expect(decodeRoff('a\\-b \\(em \\e')).toBe('a-b — \\');
  });
});

describe('HTML sections', () => {
  it('splits at headings, drops navigation, keeps the page title', () => {
    const html =
      '<html><head><title>5.4. Constraints</title></head><body>' +
      '<table summary="Navigation header"><tr><td>Prev</td></tr></table>' +
      '<h2 class="title">5.4. Constraints</h2><p>Intro text.</p>' +
      '<h3 class="title">5.4.1. Check <em>Constraints</em></h3><p>Body one.</p></body></html>';
    const page = splitHtmlSections(html);
    expect(page.title).toBe('5.4. Constraints');
    expect(page.sections).toEqual([
      { heading: '5.4. Constraints', level: 2, text: 'Intro text.' },
      { heading: '5.4.1. Check Constraints', level: 3, text: 'Body one.' },
    ]);
    expect(cleanHeading('5.4.1. Check Constraints')).toBe('Check Constraints');
    expect(cleanHeading('Chapter 5. Data Definition')).toBe('Data Definition');
    expect(cleanHeading('F.3. amcheck')).toBe('amcheck');
  });
});

describe('Debian corpus building', () => {
  it('makes one document per section and asks distinctive headings only', () => {
    const dir = tempDir('pg-');
    writeFileSync(
      join(dir, 'ddl.html'),
      `<title>5.4. Constraints</title><h2>5.4. Constraints</h2><p>${FILLER}</p>` +
        `<h3>5.4.1. Check Constraints</h3><p>${FILLER}</p><h3>Note</h3><p>boxed remark</p>` +
        `<h3>Examples</h3><p>${FILLER}</p><h3>Tiny Section</h3><p>too short</p>`,
    );
    const built = postgresDocuments(dir);
    expect(built.documents.map((d) => d.path)).toEqual([
      'postgresql/ddl/00.txt',
      'postgresql/ddl/01.txt',
      'postgresql/ddl/02.txt',
    ]);
    expect(built.documents[1]?.text).toContain('boxed remark');
    expect(built.documents[1]?.text).not.toContain('Check Constraints');
    expect(built.candidates).toEqual([
      { question: 'Check Constraints (Constraints)', path: 'postgresql/ddl/01.txt' },
    ]);
  });

  it('reads real man pages, skips links and stubs, and keeps NAME out of the document', () => {
    const man = tempDir('man-');
    mkdirSync(join(man, 'man2'));
    writeFileSync(join(man, 'man2', 'open.2.gz'), gzipSync(MAN_OPEN));
    writeFileSync(join(man, 'man2', 'creat.2.gz'), gzipSync('.so man2/open.2\n'));
    symlinkSync(join(man, 'man2', 'open.2.gz'), join(man, 'man2', 'openat.2.gz'));
    const built = manDocuments(man, ['2']);
    expect(built.documents.map((d) => d.path)).toEqual(['man/man2/open.2.txt']);
    expect(built.documents[0]?.text).not.toContain('possibly create');
    expect(built.candidates).toEqual([
      { question: 'open and possibly create a file', path: 'man/man2/open.2.txt' },
    ]);
  });

  it('measures word overlap on 5-letter prefixes', () => {
    expect(wordOverlap('create tables', 'CREATE TABLE foo')).toBe(1);
    expect(wordOverlap('create indexes', 'create table')).toBe(0.5);
  });
});

describe('node dist/bench/retrieval/debian-headings.js', () => {
  it('skips with a note and exit 0 when apt-get is not available', () => {
    const cache = tempDir('deb-cache-');
    const script = resolve(import.meta.dirname, '../../dist/bench/retrieval/debian-headings.js');
    const result = spawnSync(process.execPath, [script, '--cache', cache], {
      encoding: 'utf8',
      env: { PATH: join(cache, 'no-bin') },
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^debian-headings: note: skipped, postgresql-doc-15 is unavailable/);
    expect(existsSync(join(cache, 'headings.yaml'))).toBe(false);
  });
});
