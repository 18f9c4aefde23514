/**
 * Code-point order for tie-breaks. `localeCompare` would load ICU collation on first use (tens of
 * milliseconds in a fresh process) and could differ between machines; ids only need a stable order.
 */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
