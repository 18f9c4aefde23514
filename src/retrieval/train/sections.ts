/**
 * Self-supervised reranker training material: (heading → section body) pairs cut from documentation text
 * with `#` headings, and a small BM25 (Robertson 2009) over the bodies to find hard negatives.
 */
import { tokenizeForModel } from '../embed-tokens.js';

/** One section: the heading path above it, its own heading, and its body text. */
export interface Section {
  readonly group: number;
  readonly parents: readonly string[];
  readonly heading: string;
  readonly body: string;
}

const MIN_BODY = 200;
const MAX_BODY = 1500;

/** Cuts pages (markdown-like text, `#` headings) into sections with at least a paragraph of body. */
export function cutSections(pages: readonly string[], group: number): Section[] {
  const out: Section[] = [];
  for (const page of pages) {
    const path: string[] = [];
    let heading = '';
    let level = 0;
    let body: string[] = [];
    const flush = () => {
      const text = body.join('\n').trim();
      if (heading !== '' && text.length >= MIN_BODY) {
        out.push({
          group,
          parents: path.slice(0, Math.max(0, level - 1)),
          heading,
          body: text.slice(0, MAX_BODY),
        });
      }
      body = [];
    };
    for (const line of page.split('\n')) {
      const match = /^(#{1,6}) (.+)$/.exec(line);
      if (match === null) {
        body.push(line);
        continue;
      }
      flush();
      level = match[1]!.length;
      heading = match[2]!;
      path.length = level - 1;
      path[level - 1] = heading;
    }
    flush();
  }
  return out;
}

/** A plain BM25 over token lists, for hard negatives. */
export class Bm25Lite {
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly lengths: number[] = [];
  private total = 0;

  add(tokens: readonly string[]): void {
    const doc = this.lengths.length;
    this.lengths.push(tokens.length);
    this.total += tokens.length;
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [token, tf] of counts) {
      let list = this.postings.get(token);
      if (list === undefined) {
        list = [];
        this.postings.set(token, list);
      }
      list.push([doc, tf]);
    }
  }

  /** Best documents for the query, best first (ties by number). */
  search(query: string, limit: number): number[] {
    const n = this.lengths.length;
    const avg = this.total / Math.max(n, 1);
    const scores = new Map<number, number>();
    for (const token of new Set(tokenizeForModel(query))) {
      const list = this.postings.get(token);
      if (list === undefined || list.length > n / 4) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const [doc, tf] of list) {
        const norm = 1.2 * (0.25 + (0.75 * this.lengths[doc]!) / avg);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * 2.2) / (tf + norm));
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([doc]) => doc);
  }
}
