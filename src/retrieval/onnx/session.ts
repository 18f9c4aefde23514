/** ONNX sessions the way every model of ours runs them. */
import type { InferenceSession } from 'onnxruntime-node';

/** Loads onnxruntime-node and creates a single-threaded session (repeatable, light on a shared machine). */
export async function createSession(model: Uint8Array): Promise<InferenceSession> {
  const ort = await import('onnxruntime-node');
  return ort.InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1 });
}
