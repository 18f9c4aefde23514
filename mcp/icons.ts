/**
 * Icons clients may show beside the server and its tools: small self-contained SVGs (no fonts, no
 * external references) carried as data URIs, one per group of tools, so nothing is fetched to draw them.
 */
import type { Icon } from '@modelcontextprotocol/server';

const STROKE =
  'fill="none" stroke="#2f6f8f" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"';

function svgIcon(body: string): Icon[] {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><g ${STROKE}>${body}</g></svg>`;
  return [
    {
      src: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      mimeType: 'image/svg+xml',
      sizes: ['any'],
    },
  ];
}

/** The icon of each group of tools and of the server itself. */
export const ICONS = {
  /** Three layers: the stack. */
  server: svgIcon(
    '<path d="M12 3 3 7.5 12 12l9-4.5z"/><path d="m3 12 9 4.5 9-4.5"/><path d="m3 16.5 9 4.5 9-4.5"/>',
  ),
  /** A compass: the oracle's recommendation. */
  oracle: svgIcon('<circle cx="12" cy="12" r="9"/><path d="m15.5 8.5-2 5-5 2 2-5z"/>'),
  /** Three linked nodes: graph facts about components. */
  graph: svgIcon(
    '<circle cx="5" cy="6" r="2.2"/><circle cx="19" cy="6" r="2.2"/><circle cx="12" cy="18" r="2.2"/>' +
      '<path d="M7.2 6h9.6M6.2 8l4.7 8M17.8 8l-4.7 8"/>',
  ),
  /** A page under a lens: document search and indexing. */
  docs: svgIcon(
    '<path d="M6 3h8l4 4v6"/><path d="M6 3v18h7"/><path d="M9 9h6M9 12h4"/>' +
      '<circle cx="17" cy="17" r="3"/><path d="m19.2 19.2 2.3 2.3"/>',
  ),
  /** Code moving from one box to another: the migration phases. */
  migration: svgIcon(
    '<rect x="2.5" y="5" width="7" height="14" rx="1.5"/><rect x="14.5" y="5" width="7" height="14" rx="1.5"/><path d="M9.5 12h5m-2-2 2 2-2 2"/>',
  ),
} as const;
