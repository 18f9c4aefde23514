/**
 * A task described in everyday words, matched by meaning to what each capability and component does.
 * Texts are pooled into one vector each with SIF weights and the common direction removed (Arora 2017),
 * in two word tables at once: everyday English (GloVe) and the Debian-trained embedder, each pooled on its
 * own, scaled to its share and concatenated. The descriptions are a capability's situations and
 * description, and a component's summary and description; a question is compared with all of them by
 * cosine, and each capability or component keeps its best. Pure: word vectors in, similarities out.
 */
import type { Knowledge } from '../knowledge/schema.js';
import { type StemFn, tokenize } from '../text/tokenize.js';
import type { WordSpace } from './word-space.js';

/** Share of the Debian-trained table in a pooled vector, the rest being everyday English (0.3-0.7 tie on dev). */
export const DOMAIN_SHARE = 0.5;
/** Cosine a description must reach before it counts (0.3-0.4 tie on dev questions). */
export const DESCRIBED_THRESHOLD = 0.3;

/** What a description describes: a capability (credited to its holders) or one component (its name). */
export interface DescribedTarget {
  readonly id: string;
  readonly holders: readonly string[];
}

/** The pooled descriptions of a knowledge base, for one word table file. */
export interface DescribedIndex {
  /** Key of the word table file the vectors come from (word-space.ts header). */
  readonly key: string;
  readonly dim: number;
  readonly targets: readonly DescribedTarget[];
  /** Target of each description row. */
  readonly owners: readonly number[];
  /** One unit row per description, the common direction removed. */
  readonly vectors: Float32Array;
  /** The common direction (first principal component of the descriptions). */
  readonly common: Float32Array;
}

/** A target whose best description is close to the question. */
export interface DescribedMatch {
  readonly target: DescribedTarget;
  readonly similarity: number;
}

/** SIF-weighted sum of the words' unit vectors in each table, each table's part scaled to unit length then to its share. */
export function poolWords(space: WordSpace, words: readonly string[]): Float32Array | null {
  const [a, b] = space.header.dims;
  const parts = [new Float32Array(a), new Float32Array(b)];
  let found = 0;
  for (const word of words) {
    const entry = space.entry(word);
    if (entry === null) continue;
    found++;
    for (const t of [0, 1]) {
      const weight = entry.weights[t]!;
      const vector = entry.vectors[t]!;
      for (let d = 0; d < vector.length; d++) parts[t]![d]! += weight * vector[d]!;
    }
  }
  if (found === 0) return null;
  const out = new Float32Array(a + b);
  const shares = [Math.sqrt(1 - DOMAIN_SHARE), Math.sqrt(DOMAIN_SHARE)];
  for (const t of [0, 1]) {
    const part = parts[t]!;
    const norm = Math.hypot(...part);
    if (norm === 0) continue;
    for (let d = 0; d < part.length; d++) out[(t === 0 ? 0 : a) + d] = (shares[t]! * part[d]!) / norm;
  }
  return unit(out);
}

function unit(vector: Float32Array): Float32Array | null {
  const norm = Math.hypot(...vector);
  if (norm === 0) return null;
  for (let d = 0; d < vector.length; d++) vector[d]! /= norm;
  return vector;
}

function dot(a: Float32Array, b: Float32Array, offset = 0): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d]! * b[offset + d]!;
  return sum;
}

/** First principal component (uncentred) of unit rows by power iteration from a fixed start. */
function commonDirection(rows: readonly Float32Array[], dim: number): Float32Array {
  let direction: Float32Array = new Float32Array(dim).fill(1 / Math.sqrt(dim));
  for (let step = 0; step < 50; step++) {
    const next = new Float32Array(dim);
    for (const row of rows) {
      const k = dot(row, direction);
      for (let d = 0; d < dim; d++) next[d]! += k * row[d]!;
    }
    direction = unit(next) ?? direction;
  }
  return direction;
}

/** The vector without its part along the common direction, at unit length. */
function withoutCommon(vector: Float32Array, common: Float32Array): Float32Array | null {
  const k = dot(vector, common);
  return unit(Float32Array.from(vector, (v, d) => v - k * common[d]!));
}

/** Pools each description (its words, in order) and removes their common direction. */
export function indexDescriptions(
  space: WordSpace,
  descriptions: readonly { readonly target: DescribedTarget; readonly words: readonly string[] }[],
): DescribedIndex {
  const dim = space.header.dims[0] + space.header.dims[1];
  const targets: DescribedTarget[] = [];
  const targetAt = new Map<string, number>();
  const pooled: { owner: number; vector: Float32Array }[] = [];
  for (const { target, words } of descriptions) {
    const vector = poolWords(space, words);
    if (vector === null) continue;
    if (!targetAt.has(target.id)) targetAt.set(target.id, targets.push(target) - 1);
    pooled.push({ owner: targetAt.get(target.id)!, vector });
  }
  const common = commonDirection(
    pooled.map((p) => p.vector),
    dim,
  );
  const kept = pooled.flatMap((p) => {
    const vector = withoutCommon(p.vector, common);
    return vector === null ? [] : [{ owner: p.owner, vector }];
  });
  const vectors = new Float32Array(kept.length * dim);
  for (const [i, k] of kept.entries()) vectors.set(k.vector, i * dim);
  return { key: space.header.key, dim, targets, owners: kept.map((k) => k.owner), vectors, common };
}

/** Targets whose best description reaches `threshold` by cosine with the question's words, best first. */
export function matchDescribed(
  index: DescribedIndex,
  space: WordSpace,
  words: readonly string[],
  threshold = DESCRIBED_THRESHOLD,
): DescribedMatch[] {
  const pooled = poolWords(space, words);
  const question = pooled === null ? null : withoutCommon(pooled, index.common);
  if (question === null) return [];
  const best = new Map<number, number>();
  for (let row = 0; row < index.owners.length; row++) {
    const similarity = dot(question, index.vectors, row * index.dim);
    const owner = index.owners[row]!;
    if (similarity > (best.get(owner) ?? Number.NEGATIVE_INFINITY)) best.set(owner, similarity);
  }
  return [...best]
    .filter(([, similarity]) => similarity >= threshold)
    .map(([owner, similarity]) => ({ target: index.targets[owner]!, similarity }))
    .sort((x, y) => y.similarity - x.similarity || x.target.id.localeCompare(y.target.id));
}

/** The content words of a text, as questions are read. */
export function contentWords(text: string, stemWord: StemFn): string[] {
  return tokenize(text, stemWord)
    .filter((t) => !t.stop && !t.numeric)
    .map((t) => t.word);
}

/**
 * The descriptions of a knowledge base: each capability's situations and description (for the components
 * holding it) and each component's summary and description (for that component).
 */
export function describeKnowledge(
  knowledge: Knowledge,
  capabilityHolders: ReadonlyMap<string, readonly string[]>,
  space: WordSpace,
  stemWord: StemFn,
): DescribedIndex {
  const descriptions = [
    ...knowledge.capabilities.flatMap((c) => {
      const target = { id: c.id, holders: capabilityHolders.get(c.id) ?? [] };
      return [...c.situations, c.description].map((text) => ({
        target,
        words: contentWords(text, stemWord),
      }));
    }),
    ...knowledge.components.flatMap((c) => {
      const target = { id: c.name, holders: [c.name] };
      return [c.summary, c.description].map((text) => ({ target, words: contentWords(text, stemWord) }));
    }),
  ];
  return indexDescriptions(space, descriptions);
}
