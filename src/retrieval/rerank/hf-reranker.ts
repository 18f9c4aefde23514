/**
 * A Hugging Face cross-encoder (ms-marco style: [CLS] question [SEP] chunk [SEP] → one logit) dropped in
 * by configuration as the Reranker.
 */
import { loadHfModel, runEncodings } from '../dense/hf-embedder.js';
import type { Reranker } from '../types.js';

const BATCH = 16;

/** A Reranker over a cross-encoder ONNX export in `dir` (tokenizer.json + model.onnx). */
export async function createHfReranker(dir: string, maxTokens = 384): Promise<Reranker> {
  const model = await loadHfModel(dir, 'cross-encoder');
  return {
    id: model.id,
    async score(question, chunks) {
      const scores: number[] = [];
      for (let start = 0; start < chunks.length; start += BATCH) {
        const batch = chunks
          .slice(start, start + BATCH)
          .map((chunk) =>
            model.tokenizer.encodePair(question, `${chunk.headings.join(' ')}\n${chunk.text}`, maxTokens),
          );
        const { output } = await runEncodings(model, batch);
        const data = output.data as Float32Array;
        const width = output.dims.length > 1 ? Number(output.dims.at(-1)) : 1;
        for (let b = 0; b < batch.length; b++) scores.push(data[b * width + width - 1]!);
      }
      return scores;
    },
  };
}
