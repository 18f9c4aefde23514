/**
 * list_collections: the collections indexed in the database with their folder, size, embedder, when they
 * were last indexed and how many files the last run left out, so an agent knows what search_docs can search.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { CollectionListing, DocsDeps } from '../deps.js';
import { ICONS } from '../icons.js';
import { type Logger, runTool } from '../tool-result.js';

/** One indexed collection, as list_collections and batuta://collections give it. */
export const CollectionListingSchema = z.object({
  name: z.string().describe('Collection name, the value of search_docs "collection"'),
  folder: z.string().describe('Absolute folder the collection indexes'),
  files: z.number().int().describe('Documents indexed'),
  chunks: z.number().int().describe('Passages indexed'),
  contentBytes: z
    .number()
    .int()
    .describe(
      "Bytes of the documents' content as read, what is searched (a gzipped document counts inflated)",
    ),
  diskBytes: z
    .number()
    .int()
    .describe('Bytes of the indexed files on disk (a gzipped document counts compressed)'),
  embedder: z.string().nullable().describe('Embedding model of the stored vectors, or null for BM25 only'),
  lastIndexed: z.string().describe('ISO time of the last change to the collection'),
  skipped: z.number().int().describe('Files and folders the last index run left out (by rule or unreadable)'),
  fusion: z
    .object({
      chosen: z
        .string()
        .describe('The choice in words, e.g. "convex dense 0.1 (the safe choice, nearest bm25); …"'),
      method: z.enum(['rrf', 'convex']).describe('rrf: reciprocal rank fusion; convex: normalised scores'),
      bm25Weight: z.number().describe('Weight of the BM25 leg'),
      denseWeight: z.number().describe('Weight of the dense leg'),
      rerankShare: z
        .number()
        .nullable()
        .describe(
          "Share of the reranker's order in the head: 0 no reranking, 1 its order alone; null: its default",
        ),
      questions: z.number().int().describe('Pseudo-questions of the collection the choice was made from'),
    })
    .nullable()
    .describe(
      'How search_docs fuses the BM25 and dense legs of this collection, chosen at index time from its own ' +
        'pseudo-questions; null: plain RRF with k 60 (no choice stored; the next index_collection makes one)',
    ),
});

type Listing = z.infer<typeof CollectionListingSchema>;

/** A collection as list_collections gives it: its stored fusion record cut down to the choice. */
export function listingOf(collection: CollectionListing): Listing {
  const { fusion, ...rest } = collection;
  return CollectionListingSchema.parse({
    ...rest,
    fusion:
      fusion === null
        ? null
        : {
            chosen: fusion.explain.chosen,
            method: fusion.firstStage.method,
            bm25Weight: fusion.firstStage.bm25Weight,
            denseWeight: fusion.firstStage.denseWeight,
            rerankShare: fusion.rerankShare,
            questions: fusion.explain.questions,
          },
  });
}

const outputSchema = z.object({
  collections: z
    .array(CollectionListingSchema)
    .describe('Indexed collections by name; "specs" is not listed'),
});

/** Text form of the listing, one line per collection. */
export function describeCollections(collections: readonly Listing[]): string {
  if (collections.length === 0)
    return 'No indexed collection yet: only the shipped "specs" is searchable (index a folder with index_collection).';
  return collections
    .map(
      (c) =>
        `- ${c.name}: ${c.files} files, ${c.chunks} chunks from ${c.folder}; ` +
        `${c.embedder === null ? 'BM25 only' : `vectors from ${c.embedder}`}; last indexed ${c.lastIndexed}` +
        (c.skipped > 0 ? `; ${c.skipped} left out` : '') +
        `; fusion: ${c.fusion === null ? 'plain RRF, k 60 (none chosen yet)' : c.fusion.chosen}`,
    )
    .join('\n');
}

/** Registers list_collections. */
export function registerListCollectionsTool(
  server: McpServer,
  listCollections: NonNullable<DocsDeps['listCollections']>,
  log: Logger,
): void {
  server.registerTool(
    'list_collections',
    {
      title: 'List document collections',
      description:
        'List the document collections indexed in the database (folder, files, chunks, content and on-disk bytes, embedder, ' +
        'last indexed, files left out, the fusion chosen for it). The shipped "specs" collection is always ' +
        'searchable besides these.',
      inputSchema: {},
      outputSchema,
      icons: ICONS.docs,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    () =>
      runTool('list_collections', log, outputSchema, async () => {
        const collections = (await listCollections()).map(listingOf);
        return { structured: { collections }, text: describeCollections(collections) };
      }),
  );
}
