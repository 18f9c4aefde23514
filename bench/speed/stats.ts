/** Median and 95th percentile of repeated timings, the figures every speed table in bench/ reports. */

export interface Summary {
  readonly runs: number;
  readonly median: number;
  readonly p95: number;
}

/** Nearest-rank percentile of already measured values (q in 0..1). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function summarize(values: readonly number[]): Summary {
  return { runs: values.length, median: percentile(values, 0.5), p95: percentile(values, 0.95) };
}

/** Milliseconds taken by `work`. */
export async function timeMs(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
