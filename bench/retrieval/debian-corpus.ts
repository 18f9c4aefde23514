/**
 * Turns extracted Debian documentation into a corpus of small documents plus self-supervised
 * questions: PostgreSQL HTML sections ("heading → that section") and Linux man pages ("NAME summary
 * → that page"). The question text is kept out of its own document so a match has to be earned.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { contentWords } from '../../src/text/analyze.js';
import { splitHtmlSections } from '../lib/html-sections.js';
import { nameSummary, parseManPage } from '../lib/roff-text.js';

export interface CorpusDocument {
  /** Path relative to the corpus root, forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface Candidate {
  readonly question: string;
  /** The document the question was taken from. */
  readonly path: string;
}

export interface BuiltCorpus {
  readonly documents: CorpusDocument[];
  readonly candidates: Candidate[];
}

/** Headings that label boxes or boilerplate rather than say what a section is about. */
const GENERIC = new Set(
  'note tip warning caution important description examples example notes parameters compatibility see also synopsis outputs options exit status environment files diagnostics bugs history author authors usage'.split(
    ' ',
  ),
);
const ADMONITIONS = new Set(['note', 'tip', 'warning', 'caution', 'important']);
const MIN_WORDS = 30;

/** "5.4.1. Check Constraints" → "Check Constraints"; "Chapter 5. Data Definition" → "Data Definition". */
export function cleanHeading(heading: string): string {
  return heading
    .replace(/^(chapter|appendix|part)\s+[\dA-Z]+\.\s*/i, '')
    .replace(/^([\dA-Z]+\.)+[\d]*\.?\s+/, '')
    .trim();
}

function isDistinctive(heading: string): boolean {
  const words = contentWords(heading);
  return words.length >= 2 && !words.every((word) => GENERIC.has(word));
}

/** Sections of every PostgreSQL HTML page; admonition boxes stay inside the section they sit in. */
export function postgresDocuments(htmlDir: string): BuiltCorpus {
  const documents: CorpusDocument[] = [];
  const candidates: Candidate[] = [];
  for (const file of readdirSync(htmlDir)
    .filter((name) => name.endsWith('.html'))
    .sort()) {
    const page = splitHtmlSections(readFileSync(join(htmlDir, file), 'utf8'));
    const title = cleanHeading(page.title);
    const merged: Array<{ heading: string; text: string }> = [];
    for (const section of page.sections) {
      const last = merged.at(-1);
      if (last && ADMONITIONS.has(section.heading.toLowerCase())) last.text += `\n${section.text}`;
      else merged.push({ heading: cleanHeading(section.heading), text: section.text });
    }
    merged.forEach((section, index) => {
      if (contentWords(section.text).length < MIN_WORDS) return;
      const path = `postgresql/${basename(file, '.html')}/${String(index).padStart(2, '0')}.txt`;
      documents.push({ path, text: `${title}\n\n${section.text}\n` });
      if (index === 0 || section.heading === title || !isDistinctive(section.heading)) return;
      const question =
        contentWords(section.heading).length >= 3 ? section.heading : `${section.heading} (${title})`;
      candidates.push({ question, path });
    });
  }
  return { documents, candidates };
}

/** Every real man page (not symlinks, not .so stubs) in the given man section folders. */
export function manDocuments(manRoot: string, sections: readonly string[]): BuiltCorpus {
  const documents: CorpusDocument[] = [];
  const candidates: Candidate[] = [];
  for (const section of sections) {
    const dir = join(manRoot, `man${section}`);
    for (const file of readdirSync(dir).sort()) {
      const full = join(dir, file);
      if (!file.endsWith('.gz') || !lstatSync(full).isFile()) continue;
      const source = gunzipSync(readFileSync(full)).toString('utf8');
      if (/^\.so\s/m.test(source.slice(0, 200)) && source.split('\n').length < 5) continue;
      const page = parseManPage(source);
      const summary = nameSummary(page);
      const body = page.sections
        .filter((s) => s.heading.toUpperCase() !== 'NAME')
        .map((s) => `${s.heading}\n${s.text}`)
        .join('\n\n');
      if (contentWords(body).length < MIN_WORDS) continue;
      const path = `man/man${section}/${basename(file, '.gz')}.txt`;
      documents.push({ path, text: `${page.title}(${page.section})\n\n${body}\n` });
      if (summary && contentWords(summary).length >= 3) candidates.push({ question: summary, path });
    }
  }
  return { documents, candidates };
}

/** Share of a question's content words (5-letter prefixes) that occur in a text. */
export function wordOverlap(question: string, text: string): number {
  const stem = (word: string) => word.slice(0, 5);
  const present = new Set(contentWords(text).map(stem));
  const words = [...new Set(contentWords(question).map(stem))];
  return words.length === 0 ? 1 : words.filter((word) => present.has(word)).length / words.length;
}
