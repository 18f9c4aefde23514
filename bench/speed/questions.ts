/**
 * The corpora of the speed benches, and questions for timing searches over the scale corpus (Rust
 * std/book and Python 3.11 docs). The questions are for speed only: nobody graded their answers.
 */
import { resolve } from 'node:path';
import { loadQuestionSet } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';

const REPO = findRepoRoot(import.meta.dirname);

/** A folder to index and questions to time searches with. */
export interface SpeedCorpus {
  readonly root: string;
  readonly questions: readonly string[];
}

/** `scale` (bench/cache/scale/html), `batuta-docs`, or any folder (timed with the scale questions). */
export function speedCorpus(name: string): SpeedCorpus {
  if (name === 'scale') return { root: resolve(REPO, 'bench/cache/scale/html'), questions: SCALE_QUESTIONS };
  if (name === 'batuta-docs') {
    const set = loadQuestionSet(resolve(REPO, 'bench/retrieval/batuta-docs-questions.yaml'));
    return {
      root: resolve(REPO, '../shared/corpora/batuta-docs'),
      questions: set.questions.map((q) => q.question),
    };
  }
  return { root: resolve(name), questions: SCALE_QUESTIONS };
}

export const SCALE_QUESTIONS: readonly string[] = [
  'How do I sort a vector by a key?',
  'read a file line by line',
  'spawn a thread and wait for it to finish',
  'insert or update a value in a HashMap with the entry API',
  'convert a string to an integer and handle the parse error',
  'what does the borrow checker complain about when a reference outlives its value',
  'iterate over a slice in chunks',
  'share data between threads with Arc and Mutex',
  'format a floating point number with two decimals',
  'implement the Display trait for my struct',
  'difference between String and str',
  'pattern matching on enums with data',
  'how to return an error from main',
  'lifetimes in function signatures',
  'send values over a channel between threads',
  'python asyncio run tasks concurrently with gather',
  'json dump a dictionary with indentation',
  'regular expression named groups in python',
  'list comprehension with a condition',
  'open a file with a context manager',
  'parse command line arguments with argparse',
  'dataclass with default values',
  'how does the global interpreter lock affect threads',
  'subprocess run a command and capture its output',
  'datetime parse a string into a date',
  'unit tests with the unittest module',
  'decorators that take arguments',
  'generators and the yield statement',
  'type hints for a function returning a list of strings',
  'exceptions: raise from another exception',
];
