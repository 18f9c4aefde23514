/**
 * Just enough man(7) roff → text for Linux man pages in the benches: sections by .SH, font macros
 * flattened, escapes decoded, tables (tbl) kept as plain lines. Not a typesetter.
 */

export interface ManPage {
  /** Title from .TH, e.g. "open". */
  readonly title: string;
  /** Section number from .TH, e.g. "2". */
  readonly section: string;
  /** Sections in order; the heading is the .SH text ("NAME", "DESCRIPTION" …). */
  readonly sections: ReadonlyArray<{ heading: string; text: string }>;
}

const NAMED: Readonly<Record<string, string>> = {
  aq: "'",
  dq: '"',
  lq: '“',
  rq: '”',
  oq: '‘',
  cq: '’',
  em: '—',
  en: '–',
  bu: '•',
  ha: '^',
  ti: '~',
  sc: '§',
  co: '©',
  mu: '×',
  rs: '\\',
};

/** Decodes the roff escapes that occur in man pages and drops font changes. */
export function decodeRoff(text: string): string {
  return text
    .replace(/\\f(\[[^\]]*\]|\(..|.)/g, '')
    .replace(/\\\[([a-z]+)\]/g, (whole, name: string) => NAMED[name] ?? whole)
    .replace(/\\\(([a-z]{2})/g, (whole, name: string) => NAMED[name] ?? whole)
    .replace(/\\[&c:%]/g, '')
    .replace(/\\[-e]/g, (seq) => (seq === '\\-' ? '-' : '\\'))
    .replace(/\\ /g, ' ')
    .replace(/\\\*(\(..|\[[^\]]*\]|.)/g, '');
}

/** Text of one roff request line: the arguments of font macros joined, other requests dropped. */
function requestText(line: string): string | null {
  const match = /^\.\s*([A-Za-z]+)\s*(.*)$/.exec(line);
  if (!match) return null;
  const [, name = '', rest = ''] = match;
  if (/^(B|I|BR|BI|IB|IR|RB|RI|SM|SB)$/.test(name)) {
    const args = Array.from(rest.matchAll(/"([^"]*)"|(\S+)/g), (arg) => arg[1] ?? arg[2] ?? '');
    return name.length === 2 ? args.join('') : args.join(' ');
  }
  if (name === 'IP' || name === 'TP' || name === 'TQ') return '';
  return null;
}

/** Parses a man page source into its title and .SH sections. */
export function parseManPage(source: string): ManPage {
  let title = '';
  let section = '';
  const sections: Array<{ heading: string; lines: string[] }> = [];
  for (const raw of source.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (/^['.]\s*\\"/.test(line) || line === '.') continue;
    const th = /^\.TH\s+(\S+)\s+(\S+)/.exec(line);
    if (th) {
      title = th[1]!.replace(/"/g, '');
      section = th[2]!.replace(/"/g, '');
      continue;
    }
    const sh = /^\.(SH|SS)\s*(.*)$/.exec(line);
    const heading = decodeRoff((sh?.[2] ?? '').replace(/"/g, '')).trim();
    if (sh?.[1] === 'SH') {
      sections.push({ heading, lines: [] });
      continue;
    }
    const current = sections.at(-1);
    if (!current) continue;
    const text = sh ? heading : line.startsWith('.') || line.startsWith("'") ? requestText(line) : line;
    if (text !== null) current.lines.push(sh ? text : decodeRoff(text));
  }
  return {
    title,
    section,
    sections: sections.map((s) => ({ heading: s.heading, text: joinLines(s.lines) })),
  };
}

function joinLines(lines: readonly string[]): string {
  return lines
    .join('\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The one-line summary after the dash of a NAME section ("open, creat - open a file" → "open a file"). */
export function nameSummary(page: ManPage): string | null {
  const name = page.sections.find((s) => s.heading.toUpperCase() === 'NAME');
  if (!name) return null;
  const match = /\s[-–—]\s+(.+)$/s.exec(name.text.replace(/\s+/g, ' '));
  return match ? match[1]!.trim() : null;
}
