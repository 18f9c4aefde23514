/**
 * Latent semantic analysis (Deerwester 1990) of a collection: the top-k left singular vectors of its
 * tf-idf term × chunk matrix, found by randomized SVD with power iterations (Halko 2011). Training-free,
 * a few seconds, and its term vectors drop into the same pooled-word-vector ONNX graph as skip-gram.
 */

import { tokenizeForModel } from '../../text/model-tokens.js';
import { createRng } from './rng.js';
import { countTokens, indexWords } from './vocab.js';

/** LSA term vectors with an idf weight per term. */
export interface LsaModel {
  readonly words: string[];
  readonly dim: number;
  /** Row-major [words × dim]. */
  readonly vectors: Float32Array;
  readonly idf: Float32Array;
  readonly counts: Float64Array;
}

interface Sparse {
  readonly rows: number;
  readonly cols: number;
  /** Per column (chunk): term ids and weights. */
  readonly colTerms: Int32Array[];
  readonly colWeights: Float32Array[];
}

function buildMatrix(texts: readonly string[], minCount: number) {
  const counts = countTokens(texts);
  const words = [...counts.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w);
  const index = indexWords(words);
  const df = new Float64Array(words.length);
  const perDoc = texts.map((text) => {
    const tf = new Map<number, number>();
    for (const token of tokenizeForModel(text)) {
      const id = index.get(token);
      if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const id of tf.keys()) df[id]! += 1;
    return tf;
  });
  const idf = Float32Array.from(df, (d) => Math.log((texts.length + 1) / (d + 1)) + 1);
  const colTerms = perDoc.map((tf) => Int32Array.from(tf.keys()));
  const colWeights = perDoc.map((tf) => Float32Array.from(tf, ([id, n]) => Math.log1p(n) * idf[id]!));
  const matrix: Sparse = { rows: words.length, cols: texts.length, colTerms, colWeights };
  return { words, idf, matrix, counts: Float64Array.from(words, (w) => counts.get(w) ?? 0) };
}

/** Y = A·X for dense X [cols × l] → [rows × l]. */
function times(a: Sparse, x: Float64Array, l: number): Float64Array {
  const y = new Float64Array(a.rows * l);
  for (let c = 0; c < a.cols; c++) {
    const terms = a.colTerms[c]!;
    const weights = a.colWeights[c]!;
    for (let i = 0; i < terms.length; i++) {
      const row = terms[i]! * l;
      const w = weights[i]!;
      for (let j = 0; j < l; j++) y[row + j]! += w * x[c * l + j]!;
    }
  }
  return y;
}

/** Z = Aᵀ·Y for dense Y [rows × l] → [cols × l]. */
function timesTransposed(a: Sparse, y: Float64Array, l: number): Float64Array {
  const z = new Float64Array(a.cols * l);
  for (let c = 0; c < a.cols; c++) {
    const terms = a.colTerms[c]!;
    const weights = a.colWeights[c]!;
    for (let i = 0; i < terms.length; i++) {
      const row = terms[i]! * l;
      const w = weights[i]!;
      for (let j = 0; j < l; j++) z[c * l + j]! += w * y[row + j]!;
    }
  }
  return z;
}

/** Orthonormalises the columns of M [n × l] in place (modified Gram-Schmidt). */
function orthonormalise(m: Float64Array, n: number, l: number): void {
  for (let j = 0; j < l; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += m[i * l + j]! * m[i * l + p]!;
      for (let i = 0; i < n; i++) m[i * l + j]! -= dot * m[i * l + p]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += m[i * l + j]! ** 2;
    const inv = norm > 1e-20 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < n; i++) m[i * l + j]! *= inv;
  }
}

/** Eigenvectors (columns) and eigenvalues of a symmetric l × l matrix by cyclic Jacobi rotations. */
function symmetricEigen(s: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(s);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!;
        if (Math.abs(apq) < 1e-30) continue;
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p]!;
          const akq = a[k * l + q]!;
          a[k * l + p] = c * akp - sn * akq;
          a[k * l + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]!;
          const aqk = a[q * l + k]!;
          a[p * l + k] = c * apk - sn * aqk;
          a[q * l + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]!;
          const vkq = v[k * l + q]!;
          v[k * l + p] = c * vkp - sn * vkq;
          v[k * l + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: l }, (_, i) => a[i * l + i]!), vectors: v };
}

/** Fits LSA with `dim` dimensions on the texts; deterministic for a seed. */
export function fitLsa(texts: readonly string[], dim: number, seed: number, minCount = 2): LsaModel {
  const { words, idf, matrix, counts } = buildMatrix(texts, minCount);
  const l = Math.min(dim + 10, matrix.cols, matrix.rows);
  const k = Math.min(dim, l);
  const rng = createRng(seed);
  const omega = Float64Array.from({ length: matrix.cols * l }, () => rng.next() - 0.5);
  let q = times(matrix, omega, l);
  orthonormalise(q, matrix.rows, l);
  for (let it = 0; it < 2; it++) {
    const z = timesTransposed(matrix, q, l);
    orthonormalise(z, matrix.cols, l);
    q = times(matrix, z, l);
    orthonormalise(q, matrix.rows, l);
  }
  // B = Qᵀ A (l × cols); eigen of B·Bᵀ gives U_B and σ².
  const bt = timesTransposed(matrix, q, l);
  const bbt = new Float64Array(l * l);
  for (let c = 0; c < matrix.cols; c++) {
    for (let i = 0; i < l; i++) {
      const bi = bt[c * l + i]!;
      if (bi === 0) continue;
      for (let j = 0; j < l; j++) bbt[i * l + j]! += bi * bt[c * l + j]!;
    }
  }
  const { values, vectors } = symmetricEigen(bbt, l);
  const order = [...values.keys()].sort((x, y) => values[y]! - values[x]!).slice(0, k);
  const out = new Float32Array(words.length * k);
  for (let t = 0; t < words.length; t++) {
    for (let d = 0; d < k; d++) {
      const col = order[d]!;
      let sum = 0;
      for (let j = 0; j < l; j++) sum += q[t * l + j]! * vectors[j * l + col]!;
      out[t * k + d] = sum;
    }
  }
  return { words, dim: k, vectors: out, idf, counts };
}
