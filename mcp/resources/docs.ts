/**
 * batuta://docs/{collection}/{+path}: every document of every collection, readable in full or as a line
 * range (`?lines=10-24`), which is what search_docs and oracle_query citations link to. An HTML page is
 * read as its extracted text (text/plain), numbered as its chunks cite it, a gzipped document as its
 * inflated content; `_meta` names the file it was read from, the media type of that file's content and,
 * for a gzipped file, its encoding (`gzip`).
 */
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import { InvalidInputError } from '../../src/errors.js';
import type { DocsDeps } from '../deps.js';
import type { AllowedRoots } from '../roots.js';
import { decodeUriPart, readResource } from './read-error.js';

/** Key, in a document's `_meta`, of the file it was read from and that file's media type. */
export const SOURCE_META = 'batuta/source';

/**
 * Registers the documents resource template (listing is by collection, documents are read on demand). Every
 * read checks the document's file against the allowed roots again: indexing checked the folder once, but a
 * file or folder can be swapped for a link afterwards.
 */
export function registerDocResources(server: McpServer, docs: DocsDeps, roots: AllowedRoots): void {
  const template = new ResourceTemplate('batuta://docs/{collection}/{+path}', {
    list: undefined,
    complete: {
      collection: async (value) =>
        (await docs.collections()).map((c) => c.name).filter((name) => name.startsWith(value)),
    },
  });
  server.registerResource(
    'document',
    template,
    {
      title: 'Document',
      description:
        'A document of a collection ("specs" or an indexed folder), whole or narrowed with ?lines=FIRST-LAST; an HTML page is read as its text, with the line numbers search results cite; a gzipped document (NAME.md.gz) as its inflated text',
      mimeType: 'text/markdown',
    },
    (uri, variables) =>
      readResource(uri.href, async () => {
        const collection = decodeUriPart(String(variables['collection'] ?? ''), 'collection');
        const rawPath = String(variables['path'] ?? '').replace(/[?#].*$/, '');
        const source = rawPath
          .split('/')
          .map((part) => decodeUriPart(part, 'path'))
          .join('/');
        const document = await docs.readDocument(collection, source, roots.paths);
        const range = parseLines(uri.searchParams.get('lines'));
        const origin = {
          file: document.file,
          mimeType: document.fileMimeType,
          ...(document.fileEncoding === undefined ? {} : { encoding: document.fileEncoding }),
        };
        return {
          contents: [
            {
              uri: uri.href,
              mimeType: document.mimeType,
              text: slice(document.text, range),
              _meta: { [SOURCE_META]: origin },
            },
          ],
        };
      }),
  );
}

/** Parses "10-24" (or "10") into a 1-based inclusive range; null when absent. */
export function parseLines(value: string | null): readonly [number, number] | null {
  if (value === null) return null;
  const match = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
  const first = Number(match?.[1]);
  const last = Number(match?.[2] ?? match?.[1]);
  if (match === null || first < 1 || last < first) {
    throw new InvalidInputError(
      `lines "${value}" is not a range (write ?lines=FIRST-LAST, e.g. ?lines=10-24)`,
    );
  }
  return [first, last];
}

function slice(text: string, range: readonly [number, number] | null): string {
  if (range === null) return text;
  const lines = text.split('\n');
  if (range[0] > lines.length) {
    throw new InvalidInputError(`lines ${range[0]}-${range[1]} start after the end (${lines.length} lines)`);
  }
  return lines.slice(range[0] - 1, range[1]).join('\n');
}
