/**
 * Reading the chunker version a collection recorded (`CHUNKING+HTML_TEXT`, chunker.ts writes it): a file
 * of its own so that a search, which only checks it, does not load the chunker and the HTML extraction.
 */

/** Whether the HTML pages of a collection chunked by version `stored` cite lines of the raw HTML file. */
export function citesRawHtmlLines(stored: string): boolean {
  const [, htmlText = 'html-text-1'] = stored.split('+');
  return htmlText === 'html-text-1';
}
