/**
 * Vectors a store keeps across a re-chunk: the stored vectors of a page's chunks by what was embedded (the
 * heading path and the text), so a chunk written again with the same ones takes its vector back instead of
 * being embedded again (a changed page, a new chunking version); each store keeps the chunk's row id in `V`
 * too, so ids of unchanged chunks survive the re-chunk. Shared by the SQLite and PostgreSQL stores;
 * stored vectors are always the collection's current embedder's, and a run that changes embedder embeds all.
 */
export class KeptVectors<V> {
  private readonly byChunk = new Map<string, V[]>();

  /** Keeps `vector` for a chunk with these headings (as stored: a JSON array) and text. */
  add(headings: string, text: string, vector: V): void {
    const key = keptKey(headings, text);
    const same = this.byChunk.get(key);
    if (same === undefined) this.byChunk.set(key, [vector]);
    else same.push(vector);
  }

  /** A kept vector for a new chunk with these headings and text (each one taken once, last kept first). */
  take(headings: string, text: string): V | undefined {
    return this.byChunk.get(keptKey(headings, text))?.pop();
  }
}

const keptKey = (headings: string, text: string) => `${headings}\u0000${text}`;
