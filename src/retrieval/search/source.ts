/** What the searcher needs from each kind of collection: its search legs, its size, its documents. */
import { NotFoundError } from '../../errors.js';
import type { SearchMode } from '../request.js';
import type { Reranker } from '../types.js';
import type { SearchLegs } from './hybrid.js';
import { SPECS_COLLECTION } from './memory-collection.js';

/** A searchable collection and its size. */
export interface CollectionInfo {
  readonly name: string;
  readonly documents: number;
  readonly chunks: number;
}

/** One kind of collection (the built-in specs, the collections of an index database). */
export interface CollectionSource {
  /** The legs a search of collection `name` runs, at the collection's current state. */
  legs(name: string, mode: SearchMode, reranker: Reranker | null): Promise<SearchLegs>;
  /** The collections this source serves, with their sizes. */
  info(): CollectionInfo[];
  /** The text of one document; NotFoundError when the collection does not hold it. */
  readDocument(name: string, source: string): string;
  close(): void;
}

export function missingDocument(collection: string, source: string): NotFoundError {
  return new NotFoundError(
    `search: collection "${collection}" has no document "${source}" (use a source from a search result)`,
    {
      collection,
      source,
    },
  );
}

export function missingCollection(name: string, known: readonly string[]): NotFoundError {
  const choices = [SPECS_COLLECTION, ...known].join(', ');
  return new NotFoundError(
    `search: collection "${name}" is not indexed (choose one of: ${choices}, or run "batuta index DIR --name ${name}")`,
    { collection: name },
  );
}
