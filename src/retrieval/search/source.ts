/** What the searcher needs from each kind of collection: its search legs, its size, its documents. */
import { join } from 'node:path';
import {
  BatutaError,
  InvalidDataError,
  InvalidInputError,
  NotFoundError,
  OutsideRootsError,
} from '../../errors.js';
import { type Fix, INDEX_AGAIN, say, type Text } from '../../fixes.js';
import { realPathOf, resolveInside } from '../../paths/contain.js';
import { readFileNoFollow } from '../../paths/no-follow.js';
import type { DocumentText } from '../documents/document-text.js';
import { decodeText, documentBytes } from '../documents/files.js';
import { COLLECTION_NAME, type SearchMode } from '../request.js';
import type { Reranker } from '../types.js';
import type { SearchLegs } from './hybrid.js';
import { SPECS_COLLECTION } from './specs-name.js';

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
  info(): Promise<CollectionInfo[]>;
  /** The text of one document (see Searcher.readDocument); NotFoundError when the collection does not hold it. */
  readDocument(name: string, source: string, within?: readonly string[]): Promise<DocumentText>;
  /**
   * The title of one document (documents/page-title.ts), read from its file now; null when it has none or
   * cannot be read (then its results are cited by the file's name).
   */
  pageTitle(name: string, source: string): Promise<string | null>;
  close(): Promise<void>;
}

/**
 * Reads document `source` of collection `name` beneath `folder`, checked on every call: inside the folder
 * as it is now and, when given, inside `within`; read without following a link in the last component.
 * HTML is read as its extracted text without the collection's repeated chrome (`chrome`: its stored
 * record), whose lines are the ones chunks cite; a gzipped document as its inflated content, within the
 * size limit of indexing.
 */
export async function readDocumentFile(
  folder: string,
  name: string,
  source: string,
  within?: readonly string[],
  chrome: string | null = null,
): Promise<DocumentText> {
  const { path, raw } = readRawDocument(folder, name, source, within);
  return textOf(source, path, raw, chrome);
}

/**
 * The title of document `source` beneath `folder` (documents/page-title.ts), or of its text `raw` when the index
 * stored it; null when it has none or the file cannot be read: the search that asks has its answer already.
 */
export async function documentTitle(
  folder: string,
  name: string,
  source: string,
  raw?: string | null,
): Promise<string | null> {
  let text: string;
  try {
    text = raw ?? readRawDocument(folder, name, source).raw;
  } catch {
    return null;
  }
  const { pageTitle } = await import('../documents/page-title.js');
  return pageTitle(source, text);
}

/** The file of document `source` beneath `folder`, checked as readDocumentFile says, and its decoded text. */
function readRawDocument(
  folder: string,
  name: string,
  source: string,
  within?: readonly string[],
): { path: string; raw: string } {
  const lexical = join(folder, source);
  const label = `search: document "${source}" of "${name}"`;
  let bytes: Buffer;
  let path: string;
  try {
    path = resolveInside([realPathOf(folder)], lexical, label, 'its collection folder');
    if (within !== undefined) insideRoots(within, lexical, label, folder);
    bytes = readFileNoFollow(path);
  } catch (error) {
    if (error instanceof BatutaError) throw error;
    throw new NotFoundError(
      say`search: "${source}" of "${name}" is no longer on disk (${INDEX_AGAIN} on it again)`,
    );
  }
  const content = documentBytes(source, bytes);
  if ('reason' in content) {
    throw new InvalidDataError(
      say`search: "${source}" of "${name}" cannot be read: ${content.reason} (${INDEX_AGAIN} on it again)`,
      { collection: name, source },
    );
  }
  // Decoded as indexing decodes it (the charset a page declares), so the text read is the text searched.
  return { path, raw: decodeText(content.bytes) ?? content.bytes.toString('utf8') };
}

/**
 * A document's text as document-text.ts reads it, without the repeated chrome its collection's stored
 * record (`chrome`) names; those modules (the HTML extraction, the record's reader) load on the first
 * document read: a search never reads one, and a fresh search process need not compile them.
 */
async function textOf(
  source: string,
  file: string,
  raw: string,
  chrome: string | null,
): Promise<DocumentText> {
  const [{ documentText }, { decodeChromeRecord }] = await Promise.all([
    import('../documents/document-text.js'),
    import('../documents/chrome-record.js'),
  ]);
  return documentText(source, file, raw, decodeChromeRecord(chrome));
}

/**
 * Document `source` of collection `name` from the text the index stored when it read the file (a
 * PostgreSQL index keeps it, so servers need no copy of the folder); `within` is checked on its path in
 * the folder as for a read from disk.
 */
export async function storedDocumentText(
  folder: string,
  name: string,
  source: string,
  raw: string,
  within?: readonly string[],
  chrome: string | null = null,
): Promise<DocumentText> {
  const file = join(folder, source);
  if (within !== undefined) insideRoots(within, file, `search: document "${source}" of "${name}"`, folder);
  return textOf(source, file, raw, chrome);
}

/**
 * Checks a document's file against the allowed roots. A collection indexed from a folder outside them (by
 * the CLI, run elsewhere) is still searched, so its reader is told which folder to add as a root rather
 * than to "use a path inside" the roots: the path is the search result's, not the reader's to choose.
 */
function insideRoots(within: readonly string[], file: string, label: string, folder: string): void {
  try {
    resolveInside(within, file, label);
  } catch (error) {
    if (!(error instanceof OutsideRootsError) || error.details['link'] !== undefined) throw error;
    const roots = within.map((root) => `"${root}"`).join(', ');
    throw new OutsideRootsError(
      `${label} is outside the allowed roots (${roots}): start batuta mcp with --root "${folder}" (the collection's folder) to read it`,
      { ...error.details, folder },
    );
  }
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

/**
 * Why a stored collection is searched without its dense leg when it has no vectors, and the command that
 * adds them. The database does not record why: indexed with `--no-dense` or with no embedding model
 * installed, or a run stopped (killed) after storing the text and before embedding it.
 */
export function noVectorsNote(collection: { readonly name: string; readonly root: string }): Text {
  const fix: Fix = { kind: 'index', folder: collection.root };
  return say`collection "${collection.name}" has no vectors (indexed for BM25 only, or its run stopped before embedding: ${fix} to add them)`;
}

/** The error for a collection the index does not hold; a name no collection can have is refused as such. */
export function missingCollection(name: string, known: readonly string[]): BatutaError {
  const choices = [SPECS_COLLECTION, ...known].join(', ');
  if (!COLLECTION_NAME.test(name)) {
    return new InvalidInputError(
      say`search: "${name}" cannot be a collection name (choose one of: ${choices})`,
      {
        collection: name,
      },
    );
  }
  return new NotFoundError(
    say`search: collection "${name}" is not indexed (choose one of: ${choices}, or ${{ kind: 'index', folder: null, collection: name }})`,
    { collection: name },
  );
}
