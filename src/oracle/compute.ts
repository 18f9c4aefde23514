/**
 * Compute-backend advice from the stack's cost model (specs/backend-cost-model.md, after Gregg &
 * Hazelwood 2011): classify the work by arithmetic intensity, then compare the element count with
 * the class thresholds. Element-wise (low) work never goes to a GPU, because copying each element over
 * PCIe costs more than the arithmetic; O(n²)/O(n³) (high) work crosses over quickly; data that does
 * not fit one machine's memory goes distributed. Pure and deterministic.
 */
import type { Component } from '../knowledge/schema.js';
import type { Backend, ComplexityClass, ComputeAdvice, DataSize, Problem } from './types.js';
import { ALGORITHMS } from './vocabulary.js';

/** Element counts at which SIMD and then a GPU start to pay, per class (the spec's default table). */
export const THRESHOLDS: Readonly<Record<ComplexityClass, { simd: number; gpu: number }>> = {
  low: { simd: 1_000_000, gpu: Number.POSITIVE_INFINITY },
  medium: { simd: 10_000, gpu: 100_000 },
  high: { simd: 1_000, gpu: 10_000 },
};

/** One machine's memory assumed by default (64 GB, as in the spec's k-means example). */
export const MACHINE_MEMORY_BYTES = 64e9;

const RANK: Readonly<Record<ComplexityClass, number>> = { low: 0, medium: 1, high: 2 };
const DESCRIBE: Readonly<Record<ComplexityClass, string>> = {
  low: 'element-wise (memory-bound)',
  medium: 'reduction-heavy (O(n) with reductions)',
  high: 'compute-bound (O(n²)–O(n³))',
};

interface Work {
  readonly complexity: ComplexityClass;
  readonly deep: boolean;
  readonly source: string;
}

function classify(problem: Problem, primary: Component): Work | null {
  let best: Work | null = null;
  for (const id of problem.algorithms) {
    const a = ALGORITHMS.find((x) => x.id === id);
    if (a === undefined) continue;
    if (best === null || RANK[a.complexity] > RANK[best.complexity]) {
      best = { complexity: a.complexity, deep: a.deep, source: id };
    }
  }
  if (best !== null) return best;
  const numeric = primary.platforms.some((p) => p === 'simd' || p === 'gpu');
  if (!numeric) return null;
  const deep = primary.domains.some((d) => /train|infer|llm|deep|model-serving/.test(d));
  return deep
    ? { complexity: 'high', deep: true, source: `${primary.name}'s workload` }
    : { complexity: 'medium', deep: false, source: `${primary.name}'s workload` };
}

function formatCount(n: number): string {
  return n >= 1e9
    ? `${+(n / 1e9).toPrecision(3)}B`
    : n >= 1e6
      ? `${+(n / 1e6).toPrecision(3)}M`
      : n >= 1e3
        ? `${+(n / 1e3).toPrecision(3)}k`
        : `${n}`;
}

const BYTE_UNITS: readonly (readonly [number, string])[] = [
  [1e15, 'PB'],
  [1e12, 'TB'],
  [1e9, 'GB'],
  [1e6, 'MB'],
  [1e3, 'kB'],
];

/** A byte size in the largest decimal unit that keeps it at least 1: 2e12 → "2 TB", 400 → "400 B". */
export function formatBytes(bytes: number): string {
  for (const [size, unit] of BYTE_UNITS) {
    if (bytes >= size) return `${+(bytes / size).toPrecision(3)} ${unit}`;
  }
  return `${+bytes.toPrecision(3)} B`;
}

/** A byte size written in words ("half a terabyte") also gets its figure: "half a terabyte (500 GB)". */
function bytesAsWritten(size: DataSize): string {
  return /\b[KMGTPE]i?B\b/.test(size.text) ? size.text : `${size.text} (${formatBytes(size.bytes ?? 0)})`;
}

/**
 * The subject of the size sentence, in the unit the question gave: "200 GB is", "half a terabyte (500 GB)
 * is", or for counts "500 million rows is about 200 GB (about 400 B each)," with the byte estimate.
 */
function describeSize(size: DataSize): string {
  const bytes = size.bytes ?? 0;
  if (size.kind === 'bytes') return `${bytesAsWritten(size)} is`;
  const each = size.elements ? ` (about ${formatBytes(bytes / size.elements)} each)` : '';
  return `${size.text} is about ${formatBytes(bytes)}${each},`;
}

/**
 * The amount the thresholds are compared with, as the question gave it, with its estimate in the other
 * measure: "10k rows (about 4 MB)", "750 MiB, about 197M 4-byte values,".
 */
function amountOf(size: DataSize): string {
  if (size.kind === 'count') return `${size.text} (about ${formatBytes(size.bytes ?? 0)})`;
  return `${bytesAsWritten(size)}, about ${formatCount(size.elements ?? 0)} 4-byte values,`;
}

function bySize(work: Work, size: DataSize): { backend: Backend; why: string } {
  const t = THRESHOLDS[work.complexity];
  const elements = size.elements ?? 0;
  const n = amountOf(size);
  if (elements >= t.gpu)
    return { backend: 'gpu', why: `${n} is above the GPU threshold (${formatCount(t.gpu)} elements)` };
  if (elements >= t.simd)
    return {
      backend: 'simd',
      why: `${n} is above the SIMD threshold (${formatCount(t.simd)} elements) but below the GPU one`,
    };
  return {
    backend: 'scalar',
    why: `${n} is below the SIMD threshold (${formatCount(t.simd)} elements); vector set-up would not pay`,
  };
}

function withoutSize(work: Work, problem: Problem): { backend: Backend; why: string } {
  const gpuWanted = problem.hardware.includes('gpu');
  if (work.complexity === 'high' && (gpuWanted || work.deep)) {
    return {
      backend: 'gpu',
      why: 'no data size given; this work is compute-bound, so the arithmetic outweighs the PCIe transfer at realistic sizes',
    };
  }
  if (gpuWanted && work.complexity === 'medium') {
    return {
      backend: 'gpu',
      why: `no data size given and the question asks for a GPU; it pays above about ${formatCount(THRESHOLDS.medium.gpu)} elements, below that SIMD is faster`,
    };
  }
  if (gpuWanted && work.complexity === 'low') {
    return {
      backend: 'simd',
      why: 'element-wise work never pays for the PCIe round trip to a GPU, so SIMD is the fast path',
    };
  }
  return {
    backend: 'simd',
    why: 'no data size given; SIMD wins from about a thousand elements and costs nothing to try',
  };
}

/**
 * A browser, WASM, edge or serverless target has no GPU the stack can count on; the browser's WebGPU and
 * an edge device's GPU count only when the question asks for the GPU itself. WASM and serverless never.
 */
function targetWithoutGpu(problem: Problem): boolean {
  const targets = problem.deployment;
  if (targets.includes('wasm') || targets.includes('serverless')) return true;
  const limited = targets.includes('browser') || targets.includes('edge');
  return limited && !problem.hardware.includes('gpu');
}

function constrain(choice: { backend: Backend; why: string }, problem: Problem) {
  const gpuRuledOut = problem.negated.some((w) => /gpu|cuda|graphics/.test(w));
  const noGpuTarget = targetWithoutGpu(problem);
  if (choice.backend === 'gpu' && (gpuRuledOut || noGpuTarget)) {
    const reason = gpuRuledOut ? 'the question rules out a GPU' : 'the deployment target has no GPU';
    return { backend: 'simd' as Backend, why: `${choice.why}, but ${reason}, so use the widest SIMD path` };
  }
  return choice;
}

/** Advice for the primary component's work; scalar, with the reason, when there is no numeric work. */
export function adviseCompute(problem: Problem, primary: Component): ComputeAdvice {
  const size = problem.dataSize;
  if (size !== null && (size.bytes ?? 0) > MACHINE_MEMORY_BYTES) {
    return {
      backend: 'distributed',
      rationale: `${describeSize(size)} more than one machine's ${formatBytes(MACHINE_MEMORY_BYTES)} of memory: shard the data and ship the computation to it`,
    };
  }
  if (problem.hardware.includes('cluster')) {
    return {
      backend: 'distributed',
      rationale: 'the question asks to spread the work over several machines',
    };
  }
  const work = classify(problem, primary);
  if (work === null) {
    return {
      backend: 'scalar',
      rationale: `${primary.name} runs no numeric kernels for this task; plain scalar code is right, and the optimization phase measures hot spots after conversion`,
    };
  }
  const choice = constrain(size?.elements ? bySize(work, size) : withoutSize(work, problem), problem);
  return {
    backend: choice.backend,
    rationale: `${work.source} is ${DESCRIBE[work.complexity]}; ${choice.why}`,
  };
}
