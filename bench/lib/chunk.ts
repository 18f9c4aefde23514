/**
 * Fixed-size character chunks for the baselines (the "512-character chunks" of the plain BM25 and
 * FTS5 references): no headings, no overlap, cut at the last whitespace inside the window when there
 * is one so words are not split.
 */

/** Splits `text` into consecutive pieces of at most `size` characters; blank pieces are dropped. */
export function chunkFixed(text: string, size = 512): string[] {
  if (size < 1) throw new RangeError(`chunkFixed: size ${size} must be at least 1`);
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      const newline = text.lastIndexOf('\n', end);
      const cut = Math.max(space, newline);
      if (cut > start) end = cut;
    }
    const piece = text.slice(start, end).trim();
    if (piece.length > 0) pieces.push(piece);
    start = end;
  }
  return pieces;
}
