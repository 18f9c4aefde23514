/**
 * How a line of text names the copies folded into a result (folded-copies.ts): rustdoc's token template pages
 * gave one result 14 copies, a line no reader reads to its end. The first few are named and the rest counted;
 * JSON and MCP's structured content list them all. No imports: the CLI and the MCP tool load it with their output.
 */

/** How many copies of a result a line of text or markdown names; the rest are counted ("and 11 more"). */
export const COPIES_NAMED = 3;

/** The places of a result's copies as one line names them: the first COPIES_NAMED, and how many more. */
export function namedCopies(places: readonly string[]): string {
  const more = places.length - COPIES_NAMED;
  const named = places.slice(0, COPIES_NAMED).join(', ');
  return more > 0 ? `${named} and ${more} more` : named;
}
