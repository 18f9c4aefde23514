/**
 * Redirect pages: an HTML page whose `<meta http-equiv="refresh">` sends the browser on to another page at
 * once, with a line at most for a browser that does not follow it. Builders write them by the thousand:
 * makeinfo one per `@anchor` (GNU Octave's manual has 2,324 `XREF*.html`), rustdoc one per re-export
 * path, Javadoc's `overview-summary.html`, the MkDocs and Sphinx redirect plugins one per moved page. Each
 * holds the target's name in its title and nothing else, so it ranks for that name above the page the
 * name leads to. Told from the page's markup, never from its name or its builder; a page with text of its
 * own around the refresh is kept.
 */

/** A page with more words than this in its body says something itself, whatever its refresh does. */
const MAX_REDIRECT_WORDS = 40;

const REFRESH_META = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?refresh\b[^>]*>/i;
/** The refresh's content: a delay, then the target (`0; url=next.html`, Javadoc's `0;index.html`). */
const REFRESH_TARGET = /\bcontent\s*=\s*["']\s*\d+(?:\.\d+)?\s*[;,]\s*(?:url\s*=\s*)?['"]?([^"'\s>]+)/i;
const NOT_TEXT = /<!--[\s\S]*?-->|<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi;

/** Why a page whose first bytes are `head` is a redirect (naming its target), or null when it is not one. */
export function redirectReason(head: string): string | null {
  const meta = REFRESH_META.exec(head);
  if (meta === null) return null;
  const target = REFRESH_TARGET.exec(meta[0])?.[1];
  if (target === undefined) return null;
  const body = /<body\b[^>]*>([\s\S]*)/i.exec(head)?.[1] ?? head.slice(meta.index + meta[0].length);
  const words =
    body
      .replace(NOT_TEXT, ' ')
      .replace(/<[^>]*>/g, ' ')
      .match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length > MAX_REDIRECT_WORDS) return null;
  return `redirect page (sends the browser on to ${target})`;
}
