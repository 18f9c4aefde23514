/**
 * English stemming (Porter 1980, see porter.ts) with a few overrides for technical words the
 * algorithm leaves plural ("gpus", "cpus") or mangles.
 */
import { porterStem } from './porter.js';
import { cachedStem } from './stemmers.js';

const OVERRIDES: Readonly<Record<string, string>> = {
  gpus: 'gpu',
  cpus: 'cpu',
  tpus: 'tpu',
  llms: 'llm',
  apis: 'api',
  dbs: 'db',
  os: 'os',
  data: 'data',
  bias: 'bias',
  kubernetes: 'kubernetes',
  pandas: 'pandas',
  news: 'news',
};

/**
 * Names this stemmer's behaviour; change it whenever stems change (algorithm or overrides), so stems
 * cached by an older version are not reused.
 */
export const STEMMER_ID = `porter1980-v1 ${JSON.stringify(OVERRIDES)}`;

/** Stem of one lower-case word, so "training", "trains" and "trained" all become "train". */
export function stem(word: string): string {
  const fixed = OVERRIDES[word];
  if (fixed !== undefined) return fixed;
  if (word.length <= 2 || /\d/.test(word)) return word;
  return porterStem(word);
}

/**
 * A stem function that remembers its answers: compiling the knowledge base stems the same few
 * thousand words over and over, and questions reuse them.
 */
export function createStemmer(): (word: string) => string {
  return cachedStem(stem);
}
