/**
 * Domain errors end with the CLI command that fixes them ("see batuta oracle --list"); a model talking
 * to the server needs the tool to call instead. This rewrites those hints in tool errors and in resource
 * read errors.
 */

const HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/run "batuta transpile\b[^"]* --by agent"/g, 'call migration_transpile with by "agent" on the same path'],
  [
    /run "batuta (analyze|plan|transpile|optimize|validate|deploy)\b[^"]*"/g,
    'call migration_$1 on the same path',
  ],
  [/run "batuta index\b[^"]*"/g, 'call index_collection'],
  [/"?batuta oracle --list-capabilities\b[^")]*"?/g, 'get_component'],
  [/"?batuta oracle --show\b[^")]*"?/g, 'get_component'],
  [/"?batuta oracle --list\b"?/g, 'list_components'],
  // index_collection's arguments carry the names of batuta index's flags.
  [/--(name|include|exclude)\b/g, '$1'],
];

/** The message with each CLI hint replaced by the matching tool; other text is left alone. */
export function toToolHints(message: string): string {
  return HINTS.reduce((text, [pattern, tool]) => text.replace(pattern, tool), message);
}
