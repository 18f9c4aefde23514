import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The spec corpus is what retrieval indexes and what the oracle cites, so its shape is a contract:
 * front matter naming a real component (or "stack"), enough text to retrieve, a title and sections.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SPECS = join(ROOT, 'specs');
const QUESTIONS = join(ROOT, 'bench/retrieval/specs-questions.yaml');

/** The 20 components of the stack and their layers (product brief). */
const LAYERS: Record<string, number> = {
  trueno: 0,
  'trueno-db': 0,
  'trueno-graph': 0,
  'trueno-viz': 0,
  'trueno-rag': 0,
  aprender: 1,
  entrenar: 2,
  realizar: 2,
  depyler: 3,
  decy: 3,
  bashrs: 3,
  ruchy: 3,
  batuta: 4,
  repartir: 4,
  pforge: 4,
  certeza: 5,
  pmat: 5,
  renacer: 5,
  alimentar: 6,
  pacha: 6,
};
const STACK_SPECS = [
  'five-phase-workflow.md',
  'oracle.md',
  'toyota-way.md',
  'sovereign-security.md',
  'backend-cost-model.md',
];
const MIN_WORDS = 400;
const MIN_SECTIONS = 4;

interface Spec {
  file: string;
  meta: Record<string, unknown>;
  body: string;
}

/** Splits a markdown file into its YAML front matter and body; null when there is no front matter. */
function splitFrontMatter(text: string): { meta: unknown; body: string } | null {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) return null;
  return { meta: parse(match[1] ?? ''), body: match[2] ?? '' };
}

/** Lines outside fenced code blocks, so `# comment` lines in bash samples are not taken as headings. */
function proseLines(body: string): string[] {
  let inFence = false;
  return body.split('\n').filter((line) => {
    if (line.startsWith('```')) {
      inFence = !inFence;
      return false;
    }
    return !inFence;
  });
}

function countWords(text: string): number {
  return text.match(/[A-Za-z0-9][A-Za-z0-9'_-]*/g)?.length ?? 0;
}

function loadSpecs(): Spec[] {
  return readdirSync(SPECS)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((file) => {
      const split = splitFrontMatter(readFileSync(join(SPECS, file), 'utf8'));
      if (!split) throw new Error(`specs/${file}: no YAML front matter (start the file with ---)`);
      return { file, meta: split.meta as Record<string, unknown>, body: split.body };
    });
}

const specs = loadSpecs();

describe('spec corpus', () => {
  it('has one spec per component, named after it, plus the stack-level specs', () => {
    const byFile = new Map(specs.map((s) => [s.file, s]));
    for (const name of Object.keys(LAYERS)) {
      expect(byFile.get(`${name}.md`)?.meta.component, `${name}.md`).toBe(name);
    }
    for (const file of STACK_SPECS) {
      expect(byFile.get(file)?.meta.component, file).toBe('stack');
    }
  });

  it.each(specs.map((s) => [s.file, s] as const))('%s has valid front matter', (_file, spec) => {
    const { component, title, layer } = spec.meta;
    expect(typeof title === 'string' && title.trim().length > 0).toBe(true);
    if (component === 'stack') {
      expect(layer).toBeUndefined();
      return;
    }
    expect(Object.keys(LAYERS)).toContain(component);
    expect(layer).toBe(LAYERS[component as string]);
  });

  it.each(specs.map((s) => [s.file, s] as const))(
    '%s has a title, sections and enough text',
    (_file, spec) => {
      const lines = proseLines(spec.body).filter((l) => l.trim() !== '');
      expect(lines[0]?.startsWith('# ')).toBe(true);
      expect(lines.filter((l) => l.startsWith('# ')).length).toBe(1);
      expect(lines.filter((l) => l.startsWith('## ')).length).toBeGreaterThanOrEqual(MIN_SECTIONS);
      expect(countWords(spec.body)).toBeGreaterThanOrEqual(MIN_WORDS);
    },
  );

  it('counts words and sections the way a reader would', () => {
    const sample = '# T\n\n## A\n\n```bash\n# not a heading\n```\none two three\n';
    expect(proseLines(sample).filter((l) => l.startsWith('#')).length).toBe(2);
    expect(countWords("don't stop trueno-db")).toBe(3);
    expect(splitFrontMatter('# no front matter\n')).toBeNull();
  });
});

interface Question {
  id: string;
  question: string;
  split: string;
  low_overlap: boolean;
  relevant: Record<string, number>;
}

describe('specs question set', () => {
  const doc = parse(readFileSync(QUESTIONS, 'utf8')) as { corpus: string; questions: Question[] };

  it('targets the specs corpus with at least 40 questions and unique ids', () => {
    expect(doc.corpus).toBe('specs');
    expect(doc.questions.length).toBeGreaterThanOrEqual(40);
    expect(new Set(doc.questions.map((q) => q.id)).size).toBe(doc.questions.length);
    expect(new Set(doc.questions.map((q) => q.question.toLowerCase())).size).toBe(doc.questions.length);
  });

  it('grades existing spec files, with at least one file that answers each question', () => {
    for (const q of doc.questions) {
      const grades = Object.entries(q.relevant);
      expect(
        grades.some(([, g]) => g === 2),
        q.id,
      ).toBe(true);
      for (const [file, grade] of grades) {
        expect(existsSync(join(SPECS, file)), `${q.id}: ${file}`).toBe(true);
        expect([1, 2], `${q.id}: ${file}`).toContain(grade);
      }
    }
  });

  it('splits dev/test about half each and marks about a third as low-overlap', () => {
    const n = doc.questions.length;
    const dev = doc.questions.filter((q) => q.split === 'dev').length;
    const test = doc.questions.filter((q) => q.split === 'test').length;
    expect(dev + test).toBe(n);
    expect(Math.min(dev, test) / n).toBeGreaterThanOrEqual(0.35);
    const low = doc.questions.filter((q) => q.low_overlap === true).length;
    expect(low / n).toBeGreaterThanOrEqual(0.3);
    expect(doc.questions.every((q) => typeof q.low_overlap === 'boolean')).toBe(true);
  });
});
