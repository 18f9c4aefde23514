/**
 * index_collection: adds or refreshes a document collection from a folder inside the allowed roots, so
 * search_docs can search it. Incremental (unchanged files are skipped), with progress and cancellation.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { InvalidInputError } from '../../src/errors.js';
import { type CollectionListing, collectionNameFor } from '../../src/retrieval/index.js';
import type { DocsDeps } from '../deps.js';
import { toolText } from '../fixes.js';
import { ICONS } from '../icons.js';
import type { AllowedRoots } from '../roots.js';
import { registerLongTool } from '../tasks/long-tools.js';
import { type Logger, runTool } from '../tool-result.js';

const inputSchema = {
  folder: z
    .string()
    .min(1)
    .max(4096)
    .describe(
      'Folder of documents (markdown, text, reStructuredText, HTML, source; also gzipped, e.g. guide.md.gz), relative to the project root or absolute inside an allowed root',
    ),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, - or _, e.g. "team-docs"')
    .optional()
    .describe(
      'Collection name to create or refresh, e.g. "team-docs"; omit to refresh the collection already holding the folder, else to name it after the folder\'s meaningful part (/usr/share/doc/python-flask-doc/html -> python-flask-doc)',
    ),
  include: z
    .array(z.string().min(1).max(1024))
    .max(64)
    .optional()
    .describe(
      'Index only files matching one of these globs, relative to the folder (a glob without "/" matches file names, one with "/" the path from the folder), e.g. ["*.html"]. A glob that picks out files a rule left out brings them back over that rule (generated pages, change logs, minified files, copies, unknown types read as text, ignore-file entries, hidden and vendored folders), e.g. ["changelog.gz"], ["_sources/**"], ["*.cfg"]; one that also matches files the rule keeps ("*.html", "docs/**") only narrows. Links out of the folder, binary, damaged, unreadable and too-large files and FIFOs, sockets and devices never come back',
    ),
  exclude: z
    .array(z.string().min(1).max(1024))
    .max(64)
    .optional()
    .describe(
      'Leave out files and folders matching one of these globs, e.g. ["api/**", "changelog.md"]; wins over include',
    ),
};

const outputSchema = z.object({
  collection: z.string().describe('Collection name'),
  added: z.number().int().describe('Documents indexed for the first time'),
  updated: z.number().int().describe('Documents re-indexed because their content changed'),
  removed: z.number().int().describe('Documents dropped because their file is gone'),
  unchanged: z.number().int().describe('Documents skipped because nothing changed'),
  chunks: z.number().int().describe('Chunks in the collection after the run'),
  leftOut: z
    .record(z.string(), z.number().int())
    .describe(
      'Files and folders left out, counted per rule (what an include glob brought back is not counted): a builder (sphinx, rustdoc, mkdocs, mdbook, doxygen, javadoc, texinfo, gtkdoc, gidocgen, docbook, pydoctor, epydoc, nodedoc, rdoc, haddock, qdoc, yard, ocamldoc, odoc, sphinx-source, docusaurus), gitignore, batutaignore, include, exclude, duplicate, compilation, fragment (a text source a page shows in place), hub (a page that only lists other pages), empty (a page with no text beyond its title), redirect (a page that only sends the browser on to another), site-script (a script several pages load), generated-code (code a generator wrote), minified, map-file, build-script, too-large (also a gzipped file inflating past the limit), damaged (gzip data), binary, changelog, type, hidden, vendored, link, link-outside, broken-link, special (a FIFO, socket or device), unreadable, vanished',
    ),
  includedOver: z
    .record(z.string(), z.number().int())
    .describe('Files indexed because an include glob chose them over a rule, counted per rule overridden'),
  unmatchedInclude: z
    .array(z.string())
    .describe('Include globs that matched no file in the folder (check the glob: nothing was read for it)'),
  notes: z
    .array(z.string())
    .describe(
      'What the run noticed besides its counts, with what to do: a damaged index database moved aside and started again (index its other collections again), a damaged vector file or model rebuilt, vectors or fusion calibration left out; empty when nothing happened',
    ),
});

/** Registers index_collection. */
export function registerIndexCollectionTool(
  server: McpServer,
  docs: Pick<DocsDeps, 'listCollections'> & Required<Pick<DocsDeps, 'indexFolder'>>,
  roots: AllowedRoots,
  log: Logger,
): void {
  const { indexFolder } = docs;
  registerLongTool(
    server,
    'index_collection',
    {
      title: 'Index a document folder',
      description:
        'Add a folder of documents as a searchable collection, or refresh it (only changed files are ' +
        'processed). The folder must be inside the allowed roots. Sends progress when asked and stops on ' +
        'cancellation.',
      inputSchema,
      outputSchema,
      icons: ICONS.docs,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    (args, control) =>
      runTool('index_collection', log, outputSchema, async () => {
        if (args.name === 'specs') {
          throw new InvalidInputError('name "specs" is the shipped collection (choose another name)');
        }
        const folder = roots.resolve(args.folder, 'folder');
        const name = args.name ?? collectionNameFor(folder, await heldCollections(docs));
        const select = { include: args.include ?? [], exclude: args.exclude ?? [] };
        const summary = await indexFolder(folder, name, control, select);
        const leftOut = summary.leftOut ?? {};
        const includedOver = summary.includedOver ?? {};
        const unmatchedInclude = [...(summary.unmatchedInclude ?? [])];
        const notes = (summary.notes ?? []).map(toolText);
        const counted = (counts: Record<string, number>) =>
          Object.entries(counts).map(([rule, count]) => `${rule} ${count}`);
        const rules = counted(leftOut);
        const over = counted(includedOver);
        const text =
          `Collection "${summary.collection}": ${summary.added} added, ${summary.updated} updated, ${summary.removed} removed, ${summary.unchanged} unchanged; ${summary.chunks} chunks.` +
          (rules.length > 0 ? ` Left out: ${rules.join(', ')}.` : '') +
          (over.length > 0 ? ` Included over rules: ${over.join(', ')}.` : '') +
          unmatchedInclude.map((glob) => ` Warning: include glob "${glob}" matches no file.`).join('') +
          notes.map((note) => `\nNote: ${note}`).join('');
        return {
          structured: {
            collection: summary.collection,
            added: summary.added,
            updated: summary.updated,
            removed: summary.removed,
            unchanged: summary.unchanged,
            chunks: summary.chunks,
            leftOut,
            includedOver,
            unmatchedInclude,
            notes,
          },
          text,
        };
      }),
  );
}

/**
 * The collections of the index, for naming a folder's collection; none when they cannot be listed (a
 * damaged database is moved aside by the run, which then names the folder by default).
 */
async function heldCollections(
  docs: Pick<DocsDeps, 'listCollections'>,
): Promise<readonly CollectionListing[]> {
  return docs.listCollections === undefined ? [] : docs.listCollections().catch(() => []);
}
