/**
 * Splits an HTML documentation page into its titled sections (h1–h4), for the self-supervised
 * "heading → section" question sets built from Debian's documentation packages.
 */
import { decodeEntities } from '../../src/text/entities.js';
import { htmlToText } from './html-text.js';

export interface HtmlSection {
  readonly heading: string;
  readonly level: number;
  readonly text: string;
}

export interface HtmlPage {
  readonly title: string;
  readonly sections: readonly HtmlSection[];
}

const MARK = '\u0001';

/** Plain text of an HTML fragment on one line (for headings and titles). */
function inlineText(html: string): string {
  return decodeEntities(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The page title and its sections in order. Text before the first heading is dropped (navigation);
 * Navigation tables are removed first so "Prev / Next" links do not leak into sections.
 */
export function splitHtmlSections(html: string): HtmlPage {
  const title = inlineText(/<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '');
  const marked = html
    .replace(/<table[^>]*summary="Navigation (header|footer)"[\s\S]*?<\/table>/gi, ' ')
    .replace(/<h([1-4])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_whole, level: string, inner: string) => {
      return `<p>${MARK}${level}${MARK}${inlineText(inner).replaceAll(MARK, '')}</p>`;
    });
  const sections: HtmlSection[] = [];
  let current: { heading: string; level: number; lines: string[] } | null = null;
  for (const line of htmlToText(marked).split('\n')) {
    const heading = new RegExp(`^${MARK}(\\d)${MARK}(.*)$`).exec(line);
    if (heading) {
      if (current) sections.push(finish(current));
      current = { heading: heading[2] ?? '', level: Number(heading[1]), lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  if (current) sections.push(finish(current));
  return { title, sections };
}

function finish(section: { heading: string; level: number; lines: string[] }): HtmlSection {
  return { heading: section.heading, level: section.level, text: section.lines.join('\n') };
}
