/**
 * The one place that knows both vocabularies of a fix. Domain messages name their fix as the CLI does
 * ("run \"batuta index DIR --name notes\"", "use --mode bm25"), because the CLI prints them as they are; a
 * model talking to the server needs the tool and argument that do the same. `toToolHints` says each CLI
 * fix in tool terms, for tool errors, tool notes and resource read errors alike, so no message is written
 * twice. A fix with no tool counterpart (the index database is chosen by whoever starts the server) is said
 * as what the caller can ask for.
 */

type Rewrite = string | ((match: string, ...groups: string[]) => string);

/** Each CLI fix, as it is written in domain messages, and its words for a tool caller; applied in order. */
const HINTS: ReadonlyArray<readonly [RegExp, Rewrite]> = [
  // batuta index DIR --dry-run lists what rules left out; a tool caller brings files back with include.
  [
    /see what is skipped and why with "batuta index [^"]*--dry-run"/g,
    "an include glob brings back files a rule left out (see index_collection's include)",
  ],
  [/ without --no-dense\b/g, ''],
  [
    /(?:run )?"batuta transpile\b[^"]* --by agent"/g,
    'call migration_transpile with by "agent" on the same path',
  ],
  [
    /(?:run )?"batuta (analyze|plan|transpile|optimize|validate|deploy)\b[^"]*"/g,
    'call migration_$1 on the same path',
  ],
  [/(?:run )?"batuta index(?: ([^"\s]+))?[^"]*"/g, (_match, folder?: string) => indexCall(folder)],
  [/"batuta collections(?: --db \S+)?"/g, 'list_collections'],
  [/"?batuta oracle --list-capabilities\b[^")]*"?/g, 'get_component'],
  [/"?batuta oracle --show NAME\b"?/g, 'get_component'],
  [/"?batuta oracle --show\b[^")]*"?/g, 'get_component'],
  [/"?batuta oracle --list\b"?/g, 'list_components'],
  [/--integrations needs\b/g, 'from and to need'],
  [/--mode (\w+)/g, 'mode "$1"'],
  [/--db path\b/g, 'index database for this server: BATUTA_DB, set by whoever starts it'],
  // index_collection's arguments carry the names of batuta index's flags.
  [/--(name|include|exclude)\b/g, '$1'],
];

/** index_collection on `folder` (a placeholder such as DIR names no folder). */
function indexCall(folder: string | undefined): string {
  return folder === undefined || /^[A-Z]+$/.test(folder)
    ? 'call index_collection'
    : `call index_collection with folder "${folder}"`;
}

/** The message with each CLI hint replaced by the matching tool; other text is left alone. */
export function toToolHints(message: string): string {
  return HINTS.reduce(
    (text, [pattern, tool]) =>
      typeof tool === 'string' ? text.replace(pattern, tool) : text.replace(pattern, tool),
    message,
  );
}
