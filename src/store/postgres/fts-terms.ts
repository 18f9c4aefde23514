/**
 * The terms of chunks and questions exactly as the embedded store's FTS5 engine sees them. Rather than a
 * second copy of SQLite's `porter unicode61` tokenizer (case folding, diacritics, separators, its own
 * Porter variant), text goes through that tokenizer itself: an in-memory FTS5 table and its `instance`
 * vocabulary give every term with its column and position. BM25 scores computed from these terms in
 * PostgreSQL therefore match FTS5's `bm25()` (bm25-sql.ts).
 */
import Database from 'better-sqlite3';

/** One term of one chunk: its positions in the heading and the body column (FTS5 offsets). */
export interface ChunkTerm {
  readonly term: string;
  readonly headingPositions: number[];
  readonly textPositions: number[];
}

/** A chunk's terms and its length in tokens over both columns (FTS5's document size). */
export interface ChunkTerms {
  readonly terms: ChunkTerm[];
  readonly tokenCount: number;
}

/** The FTS5 tokenizer of the embedded store (database.ts): keep the two equal. */
const TOKENIZER = 'porter unicode61';

/** Tokenizes with SQLite FTS5; one per store, used synchronously, holding no data between calls. */
export class FtsTokenizer {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly instances: Database.Statement;

  constructor() {
    this.db = new Database(':memory:');
    this.db.exec(
      `CREATE VIRTUAL TABLE t USING fts5 (heading, text, content = '', tokenize = '${TOKENIZER}');
       CREATE VIRTUAL TABLE v USING fts5vocab (t, 'instance');`,
    );
    this.insert = this.db.prepare('INSERT INTO t (rowid, heading, text) VALUES (?, ?, ?)');
    this.instances = this.db.prepare(
      'SELECT doc, col, term, "offset" FROM v ORDER BY doc, term, col, "offset"',
    );
  }

  close(): void {
    this.db.close();
  }

  /** Terms of each (heading, text) pair, in input order. */
  chunkTerms(chunks: ReadonlyArray<{ readonly heading: string; readonly text: string }>): ChunkTerms[] {
    const out: Array<{ terms: Map<string, ChunkTerm>; tokenCount: number }> = chunks.map(() => ({
      terms: new Map(),
      tokenCount: 0,
    }));
    for (const row of this.tokenize(chunks.map((chunk) => [chunk.heading, chunk.text]))) {
      const entry = out[row.doc]!;
      let term = entry.terms.get(row.term);
      if (term === undefined) {
        term = { term: row.term, headingPositions: [], textPositions: [] };
        entry.terms.set(row.term, term);
      }
      (row.col === 'heading' ? term.headingPositions : term.textPositions).push(row.offset);
      entry.tokenCount += 1;
    }
    return out.map((entry) => ({ terms: [...entry.terms.values()], tokenCount: entry.tokenCount }));
  }

  /**
   * The phrase FTS5 makes of each quoted word of a MATCH expression: its tokens in order ("x86_64" is the
   * phrase x86 64). A word with no token gives an empty phrase.
   */
  phrases(words: readonly string[]): string[][] {
    const phrases: Array<Array<{ term: string; offset: number }>> = words.map(() => []);
    for (const row of this.tokenize(words.map((word) => ['', word]))) {
      phrases[row.doc]!.push({ term: row.term, offset: row.offset });
    }
    return phrases.map((tokens) => tokens.sort((a, b) => a.offset - b.offset).map((token) => token.term));
  }

  private tokenize(
    pairs: ReadonlyArray<readonly [string, string]>,
  ): Array<{ doc: number; col: string; term: string; offset: number }> {
    const run = this.db.transaction(() => {
      pairs.forEach(([heading, text], index) => {
        this.insert.run(index + 1, heading, text);
      });
      const rows = this.instances.all() as Array<{ doc: number; col: string; term: string; offset: number }>;
      this.db.exec("INSERT INTO t (t) VALUES ('delete-all')");
      return rows;
    });
    return run().map((row) => ({ ...row, doc: row.doc - 1 }));
  }
}
