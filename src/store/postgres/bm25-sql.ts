/**
 * BM25 (Robertson & Zaragoza 2009) computed in PostgreSQL with the exact formula of SQLite FTS5's `bm25()`,
 * so a collection scores the same on both stores:
 *
 *   score(D) = Σ_phrases idf · f·(k1+1) / (f + k1·(1 − b + b·|D|/avgdl)),  k1 = 1.2, b = 0.75
 *   idf = ln((N − n + 0.5) / (n + 0.5)), replaced by 1e-6 when not positive
 *   f   = Σ over the phrase's occurrences of its column's weight (heading, body)
 *
 * |D| counts the tokens of both columns unweighted and avgdl = all tokens / N. N and n (chunks containing
 * the phrase) come from the collection's own chunks, where FTS5 counts every chunk of the database file:
 * with one collection per file the two agree. Terms come from FTS5's own tokenizer (fts-terms.ts), and a
 * word that tokenizes to several terms ("x86_64") is a phrase matched at consecutive positions, as in FTS5.
 * One-term phrases, nearly all of them, are answered from the postings key alone (an index-only scan: the
 * key carries the counts and the chunk length); positions are read only for multi-term phrases.
 */

/** The FTS5 constants. */
const K1 = 1.2;
const B = 0.75;

/** One phrase of the question with how many of the question's words gave it (FTS5 scores each). */
interface Phrase {
  readonly terms: readonly string[];
  readonly count: number;
}

/** Groups equal phrases (two words with the same stem), keeping first-seen order; drops empty ones. */
export function groupPhrases(phrases: ReadonlyArray<readonly string[]>): Phrase[] {
  const grouped = new Map<string, { terms: readonly string[]; count: number }>();
  for (const terms of phrases) {
    if (terms.length === 0) continue;
    const key = terms.join(' ');
    const seen = grouped.get(key);
    if (seen === undefined) grouped.set(key, { terms, count: 1 });
    else seen.count += 1;
  }
  return [...grouped.values()];
}

/** An SQL text with its parameters, for node-postgres. */
export interface SqlQuery {
  readonly text: string;
  readonly values: unknown[];
  /**
   * A name when the text is one of the few fixed shapes (only one-term phrases): node-postgres then
   * prepares it once per connection, which saves the parse and plan of every search.
   */
  readonly name?: string;
}

/** Occurrences of a multi-term phrase in one column: positions p of the first term with term i at p + i. */
function phraseCount(column: 'heading_positions' | 'text_positions', length: number): string {
  const follows = Array.from(
    { length: length - 1 },
    (_, index) => `o + ${index + 1} = ANY (p${index + 1}.${column})`,
  ).join(' AND ');
  return `(SELECT count(*) FROM unnest(p0.${column}) AS o WHERE ${follows})::int`;
}

/**
 * The BM25 search of some phrases in one collection, best first (ties by chunk id). `headingsOnly`
 * counts occurrences in the heading column only, as FTS5's `heading : (…)` filter does.
 */
export function bm25Query(
  collectionId: number,
  phrases: ReadonlyArray<readonly string[]>,
  options: { limit: number; weights: readonly [number, number]; headingsOnly: boolean },
): SqlQuery | null {
  const grouped = groupPhrases(phrases);
  if (grouped.length === 0) return null;
  const values: unknown[] = [collectionId];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const single = grouped.flatMap((phrase, index) => (phrase.terms.length === 1 ? [index] : []));
  const branches: string[] = [];
  if (single.length > 0) {
    branches.push(
      `SELECT q.phrase, q.count, p.chunk_id, p.chunk_tokens,
              p.heading_count AS h, p.text_count AS t
       FROM unnest(${param(single)}::int[], ${param(single.map((i) => grouped[i]!.terms[0]))}::text[],
                   ${param(single.map((i) => grouped[i]!.count))}::int[]) AS q (phrase, term, count)
       JOIN batuta.postings p ON p.collection_id = $1 AND p.term = q.term`,
    );
  }
  grouped.forEach((phrase, index) => {
    if (phrase.terms.length === 1) return;
    const joins = phrase.terms
      .slice(1)
      .map(
        (term, i) =>
          `JOIN batuta.postings p${i + 1} ON p${i + 1}.collection_id = $1 AND p${i + 1}.chunk_id = p0.chunk_id AND p${i + 1}.term = ${param(term)}`,
      )
      .join(' ');
    branches.push(
      `SELECT ${index} AS phrase, ${phrase.count} AS count, p0.chunk_id, p0.chunk_tokens,
              ${phraseCount('heading_positions', phrase.terms.length)} AS h,
              ${phraseCount('text_positions', phrase.terms.length)} AS t
       FROM batuta.postings p0 ${joins}
       WHERE p0.collection_id = $1 AND p0.term = ${param(phrase.terms[0])}`,
    );
  });
  const [headingWeight, textWeight] = options.weights;
  const frequency = options.headingsOnly
    ? `${param(headingWeight)}::float8 * h`
    : `${param(headingWeight)}::float8 * h + ${param(textWeight)}::float8 * t`;
  const matched = options.headingsOnly ? 'h > 0' : 'h + t > 0';
  const idf = 'ln((s.n - i.hits + 0.5) / (i.hits + 0.5))';
  const text = `
    WITH hits AS (${branches.join(' UNION ALL ')}),
    matched AS (SELECT phrase, count, chunk_id, chunk_tokens, ${frequency} AS f FROM hits WHERE ${matched}),
    idf AS (SELECT phrase, count(*)::float8 AS hits FROM matched GROUP BY phrase),
    stats AS (SELECT greatest(chunk_count, 1)::float8 AS n,
                     token_count::float8 / greatest(chunk_count, 1) AS avgdl
              FROM batuta.collections WHERE id = $1)
    SELECT m.chunk_id AS id,
           sum(m.count * (CASE WHEN ${idf} <= 0 THEN 1e-6 ELSE ${idf} END)
               * (m.f * ${K1 + 1}) / (m.f + ${K1} * (1 - ${B} + ${B} * m.chunk_tokens / s.avgdl))) AS score
    FROM matched m JOIN idf i USING (phrase) CROSS JOIN stats s
    GROUP BY m.chunk_id ORDER BY score DESC, m.chunk_id LIMIT ${param(options.limit)}`;
  const fixed = branches.length === 1 && single.length > 0;
  return fixed
    ? { text, values, name: `batuta-bm25-${options.headingsOnly ? 'headings' : 'all'}` }
    : { text, values };
}
