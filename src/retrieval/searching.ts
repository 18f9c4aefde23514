/**
 * The read path of the retrieval entry (index.ts holds all of it): what a one-shot search needs, the searcher
 * and the model provider, without the indexing and PostgreSQL code or zod. `batuta oracle --rag` starts a
 * fresh process per question, and each module of the full entry it loaded would be compiled for nothing.
 */
export { createModelProvider } from './models/provider.js';
export { createSearcher } from './search/searcher.js';
