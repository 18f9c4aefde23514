/**
 * search_docs: hybrid search (BM25 + dense vectors, fused, reranked) over the specs and any indexed
 * collection. Each hit links to its batuta://docs resource so the model can read the whole section.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { InvalidInputError } from '../../src/errors.js';
import { SearchFields } from '../../src/retrieval/request-fields.js';
import { namedCopies } from '../../src/retrieval/search/named-copies.js';
import { contentStems } from '../../src/text/index.js';
import type { DocsDeps } from '../deps.js';
import { toolText } from '../fixes.js';
import { ICONS } from '../icons.js';
import { SearchCopySchema, SearchHitSchema } from '../schemas.js';
import { type Logger, runTool } from '../tool-result.js';

// `question`, as in oracle_query; `query` is its former name here, still accepted so older clients keep
// working. The schema cannot require "one of the two", so the handler does.
const inputSchema = {
  question: SearchFields.question
    .optional()
    .describe('What to look for, in plain words or keywords, e.g. "How do I retry a failed task?"'),
  query: SearchFields.question
    .optional()
    .describe('Former name of question, still accepted; give question instead'),
  k: SearchFields.k,
  // Mirrored into an `Mcp-Param-Collection` HTTP header (2026-07-28), so a gateway can route or meter
  // searches by collection without reading the body.
  collection: z.string().min(1).max(64).default('specs').meta({
    description:
      'Collection to search: "specs" (the shipped specs, default) or a name given at indexing time',
    'x-mcp-header': 'Collection',
  }),
  mode: SearchFields.mode,
  rerank: z
    .boolean()
    .default(true)
    .describe('Rerank the top candidates with the neural reranker (default true)'),
};

const outputSchema = z.object({
  query: z.string().describe('The question as searched'),
  collection: z.string().describe('The collection searched'),
  results: z.array(
    SearchHitSchema.extend({
      uri: z.string().describe('Resource URI of the hit, with its lines'),
      copies: z
        .array(
          SearchCopySchema.extend({ uri: z.string().describe('Resource URI of the copy, with its lines') }),
        )
        .optional()
        .describe(SearchHitSchema.shape.copies.description ?? ''),
    }),
  ),
  reranked: z
    .boolean()
    .describe(
      'Whether the reranker ordered the first results; then each score is its estimate that the file is the best one it read',
    ),
  notes: z
    .array(z.string())
    .describe('Why a search leg or the reranker was not used, with what to do about it; empty when all ran'),
});

/** Registers search_docs. */
export function registerSearchDocsTool(server: McpServer, docs: DocsDeps, log: Logger): void {
  server.registerTool(
    'search_docs',
    {
      title: 'Search the documents',
      description:
        'Search the stack specs (or another indexed collection) and return the best matching sections, ' +
        'each with its file, heading, line range, score, a snippet and a batuta://docs URI to read it in full.',
      inputSchema,
      outputSchema,
      icons: ICONS.docs,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      runTool('search_docs', log, outputSchema, async () => {
        const query = args.question ?? args.query;
        if (query === undefined) {
          throw new InvalidInputError(
            'no question given (pass question, e.g. "How do I retry a failed task?")',
          );
        }
        if (contentStems(query).length === 0) {
          throw new InvalidInputError(
            `"${query}" has only common words, nothing to search for (name the topic, e.g. "GPU training")`,
            { query },
          );
        }
        const outcome = await docs.search(query, {
          k: args.k,
          collection: args.collection,
          mode: args.mode,
          rerank: args.rerank,
        });
        const results = outcome.results.map(({ copies, ...hit }) => ({
          ...hit,
          uri: docUri(hit.collection, hit.source, hit.lines),
          ...(copies === undefined
            ? {}
            : {
                copies: copies.map((copy) => ({
                  ...copy,
                  uri: docUri(hit.collection, copy.source, copy.lines),
                })),
              }),
        }));
        const found =
          results.length === 0
            ? `No section of "${args.collection}" matches "${query}". Try other words or mode "bm25".`
            : results
                .map(
                  (r, i) =>
                    `${i + 1}. ${r.source} — ${r.heading} (lines ${r.lines[0]}-${r.lines[1]}, score ${r.score.toFixed(3)})\n   ${r.uri}\n   ${r.snippet}${alsoIn(r.copies)}`,
                )
                .join('\n');
        const notes = outcome.notes.map(toolText);
        const text = [found, ...notes.map((note) => `Note: ${note}`)].join('\n');
        const { reranked } = outcome;
        return {
          structured: {
            query,
            collection: args.collection,
            results,
            reranked,
            notes,
          },
          text,
        };
      }),
  );
}

/** The copies folded into a hit, as one line of the text answer. */
function alsoIn(copies: ReadonlyArray<{ readonly uri: string }> | undefined): string {
  return copies === undefined ? '' : `\n   also in: ${namedCopies(copies.map((copy) => copy.uri))}`;
}

/** The resource URI of a document, optionally narrowed to a line range. */
export function docUri(collection: string, source: string, lines?: readonly [number, number]): string {
  const path = source.split('/').map(encodeURIComponent).join('/');
  const range = lines === undefined ? '' : `?lines=${lines[0]}-${lines[1]}`;
  return `batuta://docs/${encodeURIComponent(collection)}/${path}${range}`;
}
