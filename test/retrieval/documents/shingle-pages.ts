/**
 * Pages as the compilation and fragment checks read them (source, size, shingle hashes, HTML or not), built
 * from numbered shingles so a test says which text two pages share by the ranges it gives them.
 */

/** `count` consecutive shingle numbers from `from`. */
export const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** One page of `size` bytes holding `shingles`. */
export const page = (source: string, size: number, shingles: number[], html = false) => ({
  source,
  size,
  html,
  shingles,
});
