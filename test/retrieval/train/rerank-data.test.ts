import { describe, expect, it } from 'vitest';
import { FILE_FEATURE_NAMES } from '../../../src/retrieval/rerank/file-features.js';
import {
  askedQuestions,
  headingQuestions,
  NATURAL_SHARES,
  naturalRepeats,
} from '../../../src/retrieval/train/rerank-data.js';
import { chunkCorpus, recordHeads } from '../../../src/retrieval/train/training-heads.js';
import { createFakeEmbedder } from '../fakes.js';

const body = (topic: string) =>
  Array.from({ length: 12 }, (_, i) => `The ${topic} subsystem handles case ${i} with care and detail.`).join(
    ' ',
  );
const PAGE_A = `# Storage Engine\n\nIntro ${body('storage')}\n\n## Write Ahead Logging Rules\n\n${body('journal')}\n\n## Buffer Cache Eviction\n\n${body('cache')}\n`;
const PAGE_B = `# Network Layer\n\nIntro ${body('network')}\n\n## Socket Timeout Handling\n\n${body('socket')}\n`;
const TEXT = `${PAGE_A}\f${PAGE_B}`;
const LIMITS = { maxBytes: 1e6, maxQuestions: 10, seed: 1 };

describe('reranker training questions', () => {
  it('makes section files with the question heading hidden', () => {
    const { docs, questions } = headingQuestions('pkg', TEXT, LIMITS);
    expect(questions.map((q) => q.question).sort()).toEqual([
      'Buffer Cache Eviction',
      'Socket Timeout Handling',
      'Write Ahead Logging Rules',
    ]);
    for (const q of questions) {
      const [path] = Object.keys(q.relevant);
      const doc = docs.find((d) => d.path === path)!;
      expect(doc.text).not.toContain(q.question);
      expect(doc.text.startsWith('Storage Engine') || doc.text.startsWith('Network Layer')).toBe(true);
    }
    expect(headingQuestions('pkg', TEXT, LIMITS)).toEqual(headingQuestions('pkg', TEXT, LIMITS));
  });

  it('makes whole-page files with only the question headings removed', () => {
    const { docs, questions } = headingQuestions('pkg', TEXT, { ...LIMITS, maxQuestions: 1, unit: 'page' });
    expect(docs.map((d) => d.path)).toEqual(['pkg/p0.md', 'pkg/p1.md']);
    const hidden = questions[0]!.question;
    expect(docs.some((d) => d.text.includes(hidden))).toBe(false);
    expect(docs[0]!.text).toContain('# Storage Engine');
  });

  it('asks only question headings in faq mode, reading their pages first', () => {
    const faq = `# Storage FAQ\n\nIntro ${body('faq')}\n\n## How do I shrink the journal files?\n\n${body('shrink')}\n`;
    const text = `${PAGE_A}\f${PAGE_B}\f${faq}`;
    const oneFile = { ...LIMITS, maxBytes: 10, unit: 'faq' as const };
    const { docs, questions } = headingQuestions('pkg', text, oneFile);
    expect(questions.map((q) => q.question)).toEqual(['How do I shrink the journal files?']);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.text).toContain('# Storage FAQ');
    expect(docs[0]!.text).not.toContain('How do I shrink');
    expect(headingQuestions('pkg', TEXT, { ...LIMITS, unit: 'faq' }).questions).toEqual([]);
  });

  it('asks the questions running text asks, removed from their page, and skips code and fragments', () => {
    const tutorial = `# Journal Tutorial\n\nThe journal grows. Why would the journal files keep growing after a checkpoint? ${body('checkpoint')}\n\n    x = a ? b : c\n\nUse the ?\n\n## How do I shrink the journal files?\n\n${body('shrink')}\n`;
    const text = `${PAGE_A}\f${tutorial}`;
    const { docs, questions } = askedQuestions('pkg', text, { ...LIMITS, maxBytes: 10 });
    expect(questions.map((q) => q.question)).toEqual([
      'Why would the journal files keep growing after a checkpoint?',
    ]);
    expect(questions[0]!.relevant).toEqual({ 'pkg/p0.md': 2 });
    expect(docs).toHaveLength(1);
    expect(docs[0]!.text).toContain('The journal grows.');
    expect(docs[0]!.text).not.toContain('keep growing');
    expect(docs[0]!.text).toContain('## How do I shrink the journal files?');
    expect(askedQuestions('pkg', TEXT, LIMITS).questions).toEqual([]);
  });

  it("names page files by their real path when the package's page paths are known", () => {
    const paths = ['storage/engine.html', 'net/layer.html'];
    const { docs, questions } = headingQuestions('pkg', TEXT, { ...LIMITS, unit: 'page' }, paths);
    expect(docs.map((d) => d.path)).toEqual(['pkg/storage/engine.md', 'pkg/net/layer.md']);
    for (const q of questions) expect(docs.map((d) => d.path)).toContain(Object.keys(q.relevant)[0]);
    const faq = `# Storage FAQ\n\nIntro ${body('faq')}\n\n## How do I shrink the journal files?\n\n${body('shrink')}\n`;
    const asked = headingQuestions('pkg', `${PAGE_A}\f${faq}`, { ...LIMITS, unit: 'faq' }, [
      'a.html',
      'faq.html',
    ]);
    // The faq page is read first, yet keeps its own path.
    expect(asked.docs.map((d) => d.path)).toEqual(['pkg/faq.md', 'pkg/a.md']);
    expect(asked.questions[0]!.relevant).toEqual({ 'pkg/faq.md': 2 });
    const tutorial = `# Tutorial\n\nIt grows. Why would the journal files keep growing after a checkpoint? ${body('x')}\n`;
    const running = askedQuestions('pkg', `${PAGE_A}\f${tutorial}`, LIMITS, [
      'a.html',
      'guide/tutorial.html',
    ]);
    expect(running.questions[0]!.relevant).toEqual({ 'pkg/guide/tutorial.md': 2 });
    expect(headingQuestions('pkg', TEXT, { ...LIMITS, unit: 'page' }).docs[1]!.path).toBe('pkg/p1.md');
  });

  it('records the head the production first stage offers', async () => {
    const { docs, questions } = headingQuestions('pkg', TEXT, LIMITS);
    const heads = await recordHeads(chunkCorpus(docs, 'pkg'), createFakeEmbedder(), questions);
    expect(heads).toHaveLength(questions.length);
    const size = FILE_FEATURE_NAMES.indexOf('file_chars');
    for (const head of heads) {
      expect(head.rows).toHaveLength(head.files.length);
      expect(head.files.length).toBeGreaterThan(0);
      for (const row of head.rows) expect(row[size]).toBeGreaterThan(Math.log(30));
    }
    const socket = heads.find((h) => Object.keys(h.relevant)[0]!.startsWith('pkg/p1'))!;
    expect(socket.files[0]).toBe(Object.keys(socket.relevant)[0]);
  });
});

describe('naturalRepeats', () => {
  it('gives round 5 its weights 2 / 4 / 1 back', () => {
    expect(naturalRepeats({ faq: 235, asked: 222, written: 595 })).toEqual({ faq: 2, asked: 4, written: 1 });
  });

  it('keeps each unit near its share when the written questions grow', () => {
    const counts = { faq: 235, asked: 222, written: 4456 };
    const repeats = naturalRepeats(counts);
    expect(repeats.written).toBe(1);
    const total = counts.faq * repeats.faq + counts.asked * repeats.asked + counts.written * repeats.written;
    for (const unit of ['faq', 'asked', 'written'] as const) {
      expect(Math.abs((counts[unit] * repeats[unit]) / total - NATURAL_SHARES[unit])).toBeLessThan(0.02);
    }
  });

  it('counts an empty unit 0 times and the rest by their shares', () => {
    expect(naturalRepeats({ faq: 0, asked: 10, written: 10 })).toEqual({ faq: 0, asked: 2, written: 1 });
  });
});
