/** The size of files held in memory, as `SearchLegs.fileChars` reports it for stored collections. */
import type { Chunk } from '../types.js';

/**
 * Characters of text in all chunks of each file of `chunks` (summed once), answered for the named
 * sources; a source without chunks is left out.
 */
export function memoryFileChars(
  chunks: Iterable<Chunk>,
): (sources: readonly string[]) => Map<string, number> {
  const totals = new Map<string, number>();
  for (const chunk of chunks) totals.set(chunk.source, (totals.get(chunk.source) ?? 0) + chunk.text.length);
  return (sources) =>
    new Map(
      sources.flatMap((source) => (totals.has(source) ? [[source, totals.get(source)!] as const] : [])),
    );
}
