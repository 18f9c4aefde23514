/**
 * The data sizes a program shows in its own source: the files it reads (counted when they are in the
 * project), the shapes of the arrays it makes (`numpy.zeros((2000, 2000))`, `torch.randn(64, 512)`,
 * `double a[1024][1024]`), and the ranges it loops over (`range(3_000_000)`). The optimizer plans for
 * the largest, so `numpy.dot` over a 13-word file is not sent to a GPU.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Analysis } from './types.js';

/** A data size and where it came from. */
export interface DataSize {
  readonly elements: number;
  readonly source: string;
}

/** A number as code writes it: 3_000_000, 1e6, 10**6, 2.5e3. */
const NUMBER = String.raw`\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?(?:\s*\*\*\s*\d+)?`;
const ARGS = String.raw`\(\s*(\(?\s*${NUMBER}(?:\s*,\s*${NUMBER})*\s*\)?)`;

/** Calls whose numeric arguments are the dimensions of the array they make. */
const SHAPE_CALL = new RegExp(
  String.raw`\b(zeros|ones|empty|full|rand|randn|random_sample|random|standard_normal|eye|identity|arange|linspace|tensor_zeros)\s*${ARGS}`,
  'g',
);
const SIZE_ARGUMENT = new RegExp(
  String.raw`\bsize\s*=\s*(\(\s*${NUMBER}(?:\s*,\s*${NUMBER})*\s*,?\s*\)|${NUMBER})`,
  'g',
);
const RANGE = new RegExp(String.raw`\b(?:range|xrange)\s*\(\s*(${NUMBER})(?:\s*,\s*(${NUMBER}))?`, 'g');
const C_ARRAY = new RegExp(
  String.raw`\b(?:float|double|int|long|short|unsigned|u?int\d+_t|size_t)\s+\w+\s*((?:\[\s*${NUMBER}\s*\])+)`,
  'g',
);
const C_ALLOC = new RegExp(
  String.raw`\b(?:malloc\s*\(\s*(${NUMBER})\s*\*\s*sizeof|calloc\s*\(\s*(${NUMBER})\s*,)`,
  'g',
);
/** Calls that read a data file named by a string literal. */
const FILE_READ =
  /\b(?:open|fopen|loadtxt|genfromtxt|fromfile|load|read_csv|read_table|read_fwf|read_json|read_parquet)\s*\(\s*(?:open\s*\(\s*)?['"]([^'"\n]+)['"]/g;

function numberOf(text: string): number {
  const [base, power] = text.replaceAll('_', '').split('**');
  const value = Number(base?.trim());
  return power === undefined ? value : value ** Number(power.trim());
}

function numbersIn(text: string): number[] {
  return [...text.matchAll(new RegExp(NUMBER, 'g'))].map((m) => numberOf(m[0]));
}

const product = (values: readonly number[]) => values.reduce((a, b) => a * b, 1);

/** Elements an array-making call makes, from its name and its numeric arguments. */
function shapeElements(call: string, args: string): number {
  const values = numbersIn(args);
  if (call === 'eye' || call === 'identity') return (values[0] ?? 0) ** 2;
  if (call === 'arange') return values.length >= 2 ? (values[1] ?? 0) - (values[0] ?? 0) : (values[0] ?? 0);
  if (call === 'linspace') return values[2] ?? 50;
  // A tuple is the whole shape; `full(n, 3.0)` has its fill value second.
  if (args.trimStart().startsWith('(')) return product(numbersIn(args.split(')')[0] ?? ''));
  return call === 'full' ? (values[0] ?? 0) : product(values);
}

/** Counts the values of a file in the project the way validation inputs are counted; null when absent. */
export type CountFile = (name: string) => number | null;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Every size the text of one source file shows, with where. */
function sizesIn(path: string, text: string, countFile: CountFile): DataSize[] {
  const found: DataSize[] = [];
  const at = (index: number, what: string) => `${path}:${lineOf(text, index)} ${what.replace(/\s+/g, ' ')}`;
  for (const m of text.matchAll(SHAPE_CALL)) {
    found.push({ elements: shapeElements(m[1] ?? '', m[2] ?? ''), source: at(m.index, m[0]) });
  }
  for (const m of text.matchAll(SIZE_ARGUMENT)) {
    found.push({ elements: product(numbersIn(m[1] ?? '')), source: at(m.index, m[0]) });
  }
  for (const m of text.matchAll(RANGE)) {
    const stop = m[2] === undefined ? numberOf(m[1] ?? '') : numberOf(m[2]) - numberOf(m[1] ?? '');
    found.push({ elements: stop, source: at(m.index, m[0]) });
  }
  for (const m of text.matchAll(C_ARRAY)) {
    found.push({ elements: product(numbersIn(m[1] ?? '')), source: at(m.index, m[0]) });
  }
  for (const m of text.matchAll(C_ALLOC)) {
    found.push({ elements: numberOf(m[1] ?? m[2] ?? ''), source: at(m.index, m[0]) });
  }
  for (const m of text.matchAll(FILE_READ)) {
    const elements = countFile(m[1] ?? '');
    if (elements !== null) {
      found.push({ elements, source: `${m[1]} (read at ${path}:${lineOf(text, m.index)})` });
    }
  }
  return found.filter((s) => Number.isSafeInteger(s.elements) && s.elements > 0);
}

/** The largest data size the analysed sources show, or null when they show none. */
export function scriptDataSize(root: string, analysis: Analysis, countFile: CountFile): DataSize | null {
  let best: DataSize | null = null;
  for (const file of analysis.files) {
    let text: string;
    try {
      text = readFileSync(resolve(root, file.path), 'utf8');
    } catch {
      continue;
    }
    for (const size of sizesIn(file.path, text, countFile)) {
      if (size.elements > (best?.elements ?? 0)) best = size;
    }
  }
  return best;
}
