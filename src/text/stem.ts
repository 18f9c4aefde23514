/**
 * English stemming (Porter2 / Snowball English, Porter 1980 revised 2002) with a few overrides for
 * technical acronyms the algorithm leaves plural ("gpus", "cpus") or mangles.
 */
import porter2 from 'wink-porter2-stemmer';

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

/** Stem of one lower-case word, so "training", "trains" and "trained" all become "train". */
export function stem(word: string): string {
  const fixed = OVERRIDES[word];
  if (fixed !== undefined) return fixed;
  if (word.length <= 2 || /\d/.test(word)) return word;
  return porter2(word);
}
