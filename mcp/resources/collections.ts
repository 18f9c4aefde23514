/**
 * batuta://collections: the indexed collections as JSON, the same listing as the list_collections tool.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import type { DocsDeps } from '../deps.js';
import { listingOf } from '../tools/list-collections.js';
import { readResource } from './read-error.js';

/** Registers the collections resource. */
export function registerCollectionsResource(
  server: McpServer,
  listCollections: NonNullable<DocsDeps['listCollections']>,
): void {
  server.registerResource(
    'collections',
    'batuta://collections',
    {
      title: 'Document collections',
      description: 'The document collections indexed in the database, with their folders and sizes, as JSON',
      mimeType: 'application/json',
    },
    (uri) =>
      readResource(uri.href, async () => ({
        contents: [
          {
            uri: uri.href,
            mimeType: 'application/json',
            // The fields of the tool's output schema, so the two never differ.
            text: `${JSON.stringify({ collections: (await listCollections()).map(listingOf) }, null, 2)}\n`,
          },
        ],
      })),
  );
}
