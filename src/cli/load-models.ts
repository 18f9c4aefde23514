/**
 * Loading the installed models for a command: `batuta index`, `batuta oracle --rag` and `batuta mcp`. A file of
 * its own so that a search does not load the index command to get at it.
 */
import { describeError } from '../errors.js';
import type { FileStamps, ModelProvider } from '../retrieval/index.js';

/**
 * The installed embedding/reranking models, or null with the reason when the model code cannot load.
 * Model files are read lazily; a missing or broken file becomes a one-line note where it is needed.
 * With `stamps`, model files verified by an earlier process and not written since are not hashed again.
 */
export async function loadModels(
  options: { stamps?: FileStamps; serving?: boolean } = {},
): Promise<{ models: ModelProvider | null; note: string }> {
  try {
    const { createModelProvider } = await import('../retrieval/searching.js');
    return { models: createModelProvider(options), note: '' };
  } catch (error) {
    return { models: null, note: `no embedding model could be loaded: ${describeError(error)}` };
  }
}
