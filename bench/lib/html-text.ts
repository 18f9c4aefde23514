/**
 * Minimal HTML → plain text for the Debian documentation pages the benches read: drops scripts,
 * styles and tags, turns block ends into line breaks and decodes the common entities. Good enough for
 * word statistics; not a general HTML parser.
 */
import { decodeEntities } from '../../src/text/entities.js';

/** The visible text of an HTML document, one line per block element, blank runs collapsed. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?(p|div|h[1-6]|li|tr|pre|br|dt|dd|section|article|table|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
