/**
 * The backend cost model for one hot spot: estimated time on scalar code, SIMD lanes and a GPU, where
 * the GPU pays for moving the data over PCIe and is chosen only when its compute saving outweighs that
 * transfer by the 5x dispatch rule (Gregg & Hazelwood 2011). Pure: numbers in, choice and trace out.
 */

export type Backend = 'scalar' | 'simd' | 'gpu';
export type Intensity = 'low' | 'medium' | 'high';

/** Machine figures the model assumes; override them to describe other hardware. */
export const COST_DEFAULTS = {
  /** Scalar throughput, operations per second. */
  scalarOps: 1e9,
  /** SIMD speed-up over scalar (8 f32 lanes of AVX2, minus overheads). */
  simdSpeedup: 6,
  /** GPU throughput, operations per second. */
  gpuOps: 5e12,
  /** PCIe bandwidth, bytes per second (PCIe 4.0 x16, practical). */
  pcieBytesPerSecond: 16e9,
  /** Kernel launch and synchronisation latency, seconds. */
  gpuLaunchSeconds: 20e-6,
  /** The GPU must save this many times its transfer cost before it is worth dispatching. */
  dispatchFactor: 5,
  /** Below this many elements SIMD set-up costs more than it saves. */
  simdMinElements: 64,
  bytesPerElement: 4,
} as const;
export type CostSettings = { -readonly [K in keyof typeof COST_DEFAULTS]: number };

/** Operations per element by intensity: element-wise, reductions/stencils, matrix-style O(n^1.5). */
export function operationsFor(elements: number, intensity: Intensity): number {
  if (intensity === 'high') return elements * Math.sqrt(elements);
  return elements * (intensity === 'medium' ? 10 : 1);
}

export interface BackendChoice {
  readonly backend: Backend;
  readonly seconds: Record<Backend, number>;
  readonly transferSeconds: number;
  readonly rationale: string;
}

/** Chooses the backend for `elements` items of work of the given intensity. */
export function chooseBackend(
  elements: number,
  intensity: Intensity,
  settings: CostSettings = { ...COST_DEFAULTS },
): BackendChoice {
  const ops = operationsFor(elements, intensity);
  const scalar = ops / settings.scalarOps;
  const simd = elements < settings.simdMinElements ? scalar : scalar / settings.simdSpeedup;
  const transfer =
    (2 * elements * settings.bytesPerElement) / settings.pcieBytesPerSecond + settings.gpuLaunchSeconds;
  const gpuCompute = ops / settings.gpuOps;
  const gpu = gpuCompute + transfer;
  const seconds = { scalar, simd, gpu };
  const cpuBest = simd < scalar ? 'simd' : 'scalar';
  const saving = seconds[cpuBest] - gpuCompute;
  const gpuWorth = saving > settings.dispatchFactor * transfer;
  const backend: Backend = gpuWorth ? 'gpu' : cpuBest;
  const fmt = (s: number): string => `${(s * 1e3).toPrecision(3)} ms`;
  const rationale = gpuWorth
    ? `GPU saves ${fmt(saving)} of compute against ${fmt(transfer)} of PCIe transfer (more than ${settings.dispatchFactor}x)`
    : backend === 'simd'
      ? `SIMD ${fmt(simd)} vs scalar ${fmt(scalar)}; GPU saving ${fmt(Math.max(0, saving))} does not reach ${settings.dispatchFactor}x the ${fmt(transfer)} transfer`
      : `${elements} elements are too few for SIMD set-up to pay off`;
  return { backend, seconds, transferSeconds: transfer, rationale };
}
