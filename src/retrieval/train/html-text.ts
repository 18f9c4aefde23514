/**
 * Turns a documentation HTML page (Sphinx, rustdoc, Texinfo) into markdown-like text: headings become
 * `#` lines so sections can be cut into (heading, body) training pairs, navigation and scripts are dropped.
 */
import { decodeEntities } from '../../text/entities.js';

const DROP_BLOCKS = /<(script|style|nav|header|footer|noscript|svg)\b[\s\S]*?<\/\1>/gi;
const END_MARKERS = [
  '<div class="sphinxsidebar',
  '<div class="footer',
  '<div class="related',
  '<footer',
  '</main>',
  '<div class="navfooter',
  '<div id="footer',
];
function mainRegion(html: string): string {
  const start = html.search(/<h1[\s>]/i);
  if (start < 0) return '';
  let end = html.length;
  for (const marker of END_MARKERS) {
    const at = html.indexOf(marker, start);
    if (at > start && at < end) end = at;
  }
  return html.slice(start, end);
}

/** Main content of a page as text with `#` headings; empty when the page has no h1. */
export function htmlToText(html: string): string {
  const body = mainRegion(html).replace(DROP_BLOCKS, ' ');
  const withHeadings = body.replace(
    /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/gi,
    (_all, level: string, inner: string) => {
      const title = inner
        .replace(/<[^>]+>/g, '')
        .replace(/[¶#]\s*$/u, '')
        .replace(/\s+/g, ' ')
        .trim();
      return `\n\n${'#'.repeat(Number(level))} ${title}\n\n`;
    },
  );
  const blocks = withHeadings.replace(
    /<\/?(p|div|li|pre|tr|dt|dd|br|section|table|ul|ol|dl|blockquote)\b[^>]*>/gi,
    '\n',
  );
  const text = decodeEntities(blocks.replace(/<[^>]+>/g, ''));
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line, i, all) => line.length > 0 || (all[i - 1] ?? '').length > 0)
    .join('\n')
    .trim();
}
