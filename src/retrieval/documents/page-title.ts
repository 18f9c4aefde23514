/**
 * The title of a page, for citing a section that has no heading: the text of a page before its first heading
 * (a Sphinx index page's introduction, a MkDocs page that opens with command output) and a page without any
 * heading (a plain-text FAQ). An HTML page's `<title>`; a markdown page's first top-level heading; a plain
 * text, markdown or reStructuredText page whose first line stands alone as a title (short, a blank line after
 * it, not a sentence); else none, and the page is cited by its file's name.
 */
import { decodeEntities } from '../../text/entities.js';
import { kindOf } from './files.js';

/** Longer first lines are sentences, not titles. */
export const FIRST_LINE_TITLE_MAX = 60;

const HTML_TITLE = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i;
const MARKDOWN_TITLE = /^# +(.*?)(?: +#+)? *$/;
const FENCE = /^ {0,3}(```|~~~)/;
/** A line that reads as a sentence or the start of a list, not as a title. */
const NOT_A_TITLE = /[.,;:!?]$|^[-*+#>|=~`]|^\d+[.)] /;

/** The title of page `source` (its path, for its kind) read from its text `raw`; null when it has none. */
export function pageTitle(source: string, raw: string): string | null {
  const kind = kindOf(source);
  if (kind === 'html') return htmlTitle(raw);
  if (kind === 'code' || kind === null) return null;
  return (kind === 'markdown' ? markdownTitle(raw) : null) ?? firstLineTitle(raw);
}

function htmlTitle(raw: string): string | null {
  const inner = HTML_TITLE.exec(raw)?.[1];
  if (inner === undefined) return null;
  // As the browser's tab says it (entities decoded, spacing collapsed), without the HTML parser a search
  // process would otherwise load for it.
  const title = decodeEntities(inner.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return title === '' ? null : title;
}

/** The first `# Title` line outside fenced code. */
function markdownTitle(raw: string): string | null {
  let fenced = false;
  for (const line of raw.split(/\r?\n/)) {
    if (FENCE.test(line)) fenced = !fenced;
    const title = fenced ? null : MARKDOWN_TITLE.exec(line)?.[1]?.trim();
    if (title) return title;
  }
  return null;
}

/** The first non-blank line, when it stands alone and reads as a title ("GnuPG Frequently Asked Questions"). */
function firstLineTitle(raw: string): string | null {
  const lines = raw.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) return null;
  const line = lines[first]!.trim();
  const alone = (lines[first + 1] ?? '').trim() === '';
  const title =
    alone && line.length <= FIRST_LINE_TITLE_MAX && /\p{L}/u.test(line) && !NOT_A_TITLE.test(line);
  return title ? line : null;
}
