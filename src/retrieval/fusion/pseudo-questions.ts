/**
 * Questions a collection asks of itself, for choosing its fusion without any question set: its section
 * headings and its question-shaped sentences ("How do I register a blueprint?"), each answered by the file
 * it comes from. So that the question does not find itself, the chunks under the heading are searched
 * without their headings (`masked`), and chunks holding the question verbatim (the sentence's chunk, a
 * merged section's heading line) are left out (`hidden`). Pure and seeded.
 */
import { contentWords } from '../../text/analyze.js';
import { escapeRegExp } from '../../text/regexp.js';
import { createRng } from '../wordvec/rng.js';

/** What the generator reads of a chunk. */
export interface CalibrationChunk {
  readonly id: string;
  readonly source: string;
  readonly headings: readonly string[];
  readonly text: string;
}

/** A question with its known answer. */
export interface PseudoQuestion {
  readonly question: string;
  /** The text as the collection holds it (a heading, a sentence), withheld from the embedder's adaptation. */
  readonly raw: string;
  readonly kind: 'heading' | 'sentence';
  /** The file (source) that answers it. */
  readonly answer: string;
  /** Chunks every leg scores without their heading path for this question. */
  readonly masked: readonly string[];
  /** Chunks every leg leaves out for this question. */
  readonly hidden: readonly string[];
}

export interface PseudoQuestionOptions {
  /** At most this many questions (half from each kind when there are enough). */
  readonly maxQuestions: number;
  readonly seed: number;
  /** Content words a question needs (fewer is too vague to have one answer). */
  readonly minContentWords: number;
  /** Words a question may have at most. */
  readonly maxWords: number;
}

export const PSEUDO_QUESTION_DEFAULTS: PseudoQuestionOptions = {
  maxQuestions: 200,
  seed: 20261205,
  minContentWords: 2,
  maxWords: 16,
};

const QUESTION_START =
  /^(how|what|why|when|where|which|who|can|could|should|do|does|did|is|are|will|would|may)\b/i;

/** The questions of a collection, a seeded sample of at most `maxQuestions`, in a stable order. */
export function pseudoQuestions(
  chunks: readonly CalibrationChunk[],
  options: PseudoQuestionOptions = PSEUDO_QUESTION_DEFAULTS,
): PseudoQuestion[] {
  const files = new Map<string, CalibrationChunk[]>();
  for (const chunk of chunks) {
    const list = files.get(chunk.source);
    if (list === undefined) files.set(chunk.source, [chunk]);
    else list.push(chunk);
  }
  const headings = unique(
    [...files.values()].flatMap((file) => headingQuestions(file, options)),
    'heading',
  );
  const sentences = unique(
    [...files.values()].flatMap((file) => sentenceQuestions(file, options)),
    'sentence',
  );
  const rng = createRng(options.seed);
  const half = Math.ceil(options.maxQuestions / 2);
  const pickedSentences = sample(sentences, Math.min(sentences.length, half), rng);
  const pickedHeadings = sample(headings, options.maxQuestions - pickedSentences.length, rng);
  return [...pickedHeadings, ...pickedSentences];
}

/** Collapses whitespace and strips numbering, pilcrows and code marks from a heading. */
export function cleanHeading(heading: string): string {
  return heading
    .replace(/[¶#`*_]/g, ' ')
    .replace(/^\s*(\d+(\.\d+)*\.?|[A-Z]\.)\s+/, '')
    .replace(/\s+/g, ' ')
    .replace(/[:.\s]+$/, '')
    .trim();
}

function fits(question: string, options: PseudoQuestionOptions): boolean {
  const words = question.split(' ').filter(Boolean);
  return words.length <= options.maxWords && new Set(contentWords(question)).size >= options.minContentWords;
}

/**
 * Each heading of a file: the chunks whose heading path holds it are masked, and chunks that carry it as a
 * line of their text (merged small sections) hidden.
 */
function headingQuestions(
  file: readonly CalibrationChunk[],
  options: PseudoQuestionOptions,
): PseudoQuestion[] {
  const seen = new Set<string>();
  const found: PseudoQuestion[] = [];
  for (const chunk of file) {
    const leaf = chunk.headings[chunk.headings.length - 1];
    if (leaf === undefined || seen.has(leaf)) continue;
    seen.add(leaf);
    const question = cleanHeading(leaf);
    if (!fits(question, options)) continue;
    const masked = file.filter((other) => other.headings.includes(leaf));
    const hidden = file.filter((other) => !masked.includes(other) && hasLine(other.text, leaf));
    found.push({
      question,
      raw: leaf,
      kind: 'heading',
      answer: chunk.source,
      masked: masked.map((other) => other.id),
      hidden: hidden.map((other) => other.id),
    });
  }
  return found;
}

/** True when one of the text's lines is `line` (markdown heading marks aside). */
function hasLine(text: string, line: string): boolean {
  const wanted = line.trim();
  return text.split('\n').some((each) => each.replace(/^[#\s]+/, '').trim() === wanted);
}

/** Sentences phrased as questions, hiding the chunks that contain them. */
function sentenceQuestions(
  file: readonly CalibrationChunk[],
  options: PseudoQuestionOptions,
): PseudoQuestion[] {
  const found: PseudoQuestion[] = [];
  const seen = new Set<string>();
  for (const chunk of file) {
    for (const raw of chunk.text.split(/(?<=[.!?])\s+|\n+/)) {
      const question = raw
        .replace(/[#>*`_]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (!question.endsWith('?') || !QUESTION_START.test(question) || seen.has(question)) continue;
      seen.add(question);
      if (!fits(question, options) || question.split(' ').length < 4) continue;
      const hidden = file.filter((other) => other.text.includes(raw)).map((other) => other.id);
      if (hidden.length === file.length) continue;
      found.push({ question, raw, kind: 'sentence', answer: chunk.source, masked: [], hidden });
    }
  }
  return found;
}

/** Drops questions asked by more than one file (an answer must be unambiguous); stable order. */
function unique(questions: readonly PseudoQuestion[], kind: PseudoQuestion['kind']): PseudoQuestion[] {
  const files = new Map<string, Set<string>>();
  for (const q of questions) {
    const key = q.question.toLowerCase();
    const set = files.get(key) ?? new Set<string>();
    set.add(q.answer);
    files.set(key, set);
  }
  const taken = new Set<string>();
  return questions.filter((q) => {
    const key = q.question.toLowerCase();
    if (q.kind !== kind || files.get(key)!.size > 1 || taken.has(key)) return false;
    taken.add(key);
    return true;
  });
}

/** `count` items drawn without replacement (partial Fisher-Yates), in the order drawn. */
function sample<T>(items: readonly T[], count: number, rng: ReturnType<typeof createRng>): T[] {
  const pool = [...items];
  const picked: T[] = [];
  for (let i = 0; i < Math.min(count, pool.length); i += 1) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    picked.push(pool[i]!);
  }
  return picked;
}

/**
 * Removes the given texts (the raw form of pseudo-questions) wherever they occur, so a model adapted to
 * the collection never sees a question's words in the place the question came from.
 */
export function withholdTexts(raws: readonly string[]): (text: string) => string {
  const wanted = [...new Set(raws.filter((raw) => raw.trim() !== ''))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return (text) => text;
  const pattern = new RegExp(wanted.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, ' ');
}
