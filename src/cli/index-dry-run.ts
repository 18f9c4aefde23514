/**
 * `batuta index DIR... --dry-run [--json]`: what a run would index and, for every file or folder left out,
 * the rule that left it out, with a count per rule; a file an --include glob brought back names the glob
 * and the rules it overrode. Sizes are given twice, as read (`contentSize`, `contentBytes`: a gzipped
 * document's inflated content, which is what is searched) and on disk (`diskSize`, `diskBytes`), as
 * `batuta collections` gives them, and the lines repeated across the HTML pages that the run would leave out
 * as chrome, with the pages that lose each. Reads the folders (and from the index its collections' names and
 * what their last run judged of their pages, so that only pages changed since are read); writes nothing.
 */
import {
  type ChromeLeftOut,
  chromeLeftOut,
  countByRule,
  createPageReads,
  type IncludedFile,
  type SelectionReuse,
  type SelectOptions,
  selectFiles,
} from '../retrieval/index.js';
import { warnUnmatched } from './index-warnings.js';
import { type CliIo, EXIT, printJson } from './io.js';

/** A file the run would index: its size on disk and as read, and the glob that brought it back, if one did. */
interface PlannedFile {
  readonly source: string;
  readonly kind: string;
  readonly contentSize: number;
  readonly diskSize: number;
  readonly included?: IncludedFile;
}

/**
 * Prints the plan for each folder and the collection it would go to (`names`, as a run would choose them);
 * exit 0, or 1 when a folder has nothing to index. `previous` gives what the last run of a collection judged
 * of its pages, so that the dry run, like the run, reads only the pages changed since.
 */
export function dryRun(
  folders: readonly string[],
  names: readonly string[],
  select: SelectOptions,
  json: boolean,
  io: CliIo,
  previous: (root: string, name: string) => SelectionReuse['previous'] = () => undefined,
): number {
  const plans = folders.map((root, index) => {
    // The selection's reads are kept, as a run keeps them for its chunker, for the chrome's lines.
    const reads = createPageReads();
    const selection = selectFiles(root, select, { reads, previous: previous(root, names[index]!) });
    warnUnmatched(root, selection.unmatchedInclude, io);
    const included = new Map(selection.included.map((file) => [file.source, file]));
    // Selection inflated each gzipped document once to check it; its size comes from there.
    const files = selection.files.map(({ source, kind, size, inflated }): PlannedFile => {
      const planned = { source, kind, contentSize: inflated?.size ?? size, diskSize: size };
      const by = included.get(source);
      return by === undefined ? planned : { ...planned, included: by };
    });
    return {
      collection: names[index]!,
      root,
      files,
      skipped: selection.skipped,
      chrome: chromeLeftOut(selection, reads),
      summary: {
        files: files.length,
        contentBytes: files.reduce((sum, file) => sum + file.contentSize, 0),
        diskBytes: files.reduce((sum, file) => sum + file.diskSize, 0),
        skipped: selection.skipped.length,
        byRule: countByRule(selection.skipped),
        included: selection.included.length,
      },
    };
  });
  if (json) printJson(io, { dryRun: true, collections: plans });
  else {
    for (const plan of plans) {
      io.stdout(`${plan.collection}: ${plan.root}\n`);
      for (const file of plan.files) io.stdout(`  index  ${file.source}${includedNote(file.included)}\n`);
      for (const skip of plan.skipped) io.stdout(`  skip   ${skip.source}  (${skip.reason})\n`);
      const linked = [...new Set(plan.skipped.flatMap((skip) => (skip.folder ? [skip.folder] : [])))];
      for (const folder of linked) io.stdout(`  linked folder outside: batuta index ${folder}\n`);
      printChrome(plan.collection, plan.chrome, io);
      const rules = Object.entries(plan.summary.byRule).map(([rule, count]) => `${rule} ${count}`);
      io.stdout(
        `${plan.collection}: would index ${plan.summary.files} files (${sizeOf(plan.summary)}); ` +
          `left out ${plan.summary.skipped}${rules.length > 0 ? `: ${rules.join(', ')}` : ''}\n`,
      );
    }
  }
  return plans.some((plan) => plan.files.length === 0) ? EXIT.none : EXIT.ok;
}

/** Lines of chrome the text output shows; --json lists them all. */
const CHROME_SHOWN = 10;
/** Characters of a chrome line the text output shows. */
const CHROME_CHARS = 100;

/** The chrome lines a run would leave out (the first CHROME_SHOWN, cut short) and their count; none: nothing. */
function printChrome(collection: string, chrome: ChromeLeftOut, io: CliIo): void {
  if (chrome.lines.length === 0) return;
  for (const { text, pages } of chrome.lines.slice(0, CHROME_SHOWN)) {
    const shown = text.length > CHROME_CHARS ? `${text.slice(0, CHROME_CHARS - 1)}…` : text;
    io.stdout(`  chrome ${shown}  (${pages} of ${chrome.htmlPages} pages)\n`);
  }
  const rest = chrome.lines.length - CHROME_SHOWN;
  if (rest > 0) io.stdout(`  chrome … and ${rest} more line${rest > 1 ? 's' : ''} (--json lists them all)\n`);
  io.stdout(
    `${collection}: ${chrome.lines.length} repeated line${chrome.lines.length > 1 ? 's' : ''} left out as chrome on ${chrome.pages} page${chrome.pages > 1 ? 's' : ''}\n`,
  );
}

/** Why a file the rules left out is indexed: the user's glob, over which rules. */
function includedNote(included: IncludedFile | undefined): string {
  if (included === undefined) return '';
  const rules = included.rules.join(', ');
  return `  (included by --include ${included.glob} over rule${included.rules.length > 1 ? 's' : ''} ${rules})`;
}

/**
 * What the files to index weigh: the bytes that are read and searched (a gzipped document's inflated
 * content) and, when gzipped files make them differ at the precision shown, the bytes on disk.
 */
function sizeOf(summary: { contentBytes: number; diskBytes: number }): string {
  const [read, disk] = [formatBytes(summary.contentBytes), formatBytes(summary.diskBytes)];
  return read === disk ? read : `${read} once inflated, ${disk} on disk`;
}

/** Bytes in B, KB or MB with one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
