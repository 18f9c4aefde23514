/**
 * Fixes in MCP's words: the tool to call and its arguments, where the CLI says a `batuta` command line and
 * its flags (src/fixes.ts). Tool errors, tool notes, phase reasons and resource read errors all say their
 * fixes through here, and a tool error also lists them as calls in `_meta` for clients that act on them.
 */
import { BatutaError, describeError } from '../src/errors.js';
import type { Fix, FixArgument, Text } from '../src/fixes.js';

/** Key of the fixes, as tool calls, in a failed tool result's `_meta`. */
export const FIXES_META = 'batuta/fixes';

/** A fix as a call a client can make. */
export interface FixCall {
  readonly tool: string;
  readonly arguments: Readonly<Record<string, unknown>>;
}

/** An all-capitals placeholder (NAME, DIR): the CLI shows it, a tool call has nothing to put there. */
const isPlaceholder = (value: string) => /^[A-Z]+$/.test(value);

/** Each argument as a tool caller meets it; the index database is chosen by whoever starts the server. */
const TOOL_ARGUMENTS: Record<FixArgument, string> = {
  mode: 'mode',
  name: 'name',
  include: 'include',
  db: 'index database for this server: BATUTA_DB, set by whoever starts it',
  integrations: 'from and to',
};

/** index_collection with the folder and name the fix knows. */
function indexWords(fix: Extract<Fix, { kind: 'index' }>): string {
  const given = [
    typeof fix.folder === 'string' ? `folder "${fix.folder}"` : '',
    fix.collection === undefined || isPlaceholder(fix.collection) ? '' : `name "${fix.collection}"`,
  ].filter(Boolean);
  return `call index_collection${given.length > 0 ? ` with ${given.join(' and ')}` : ''}`;
}

/** A fix as a tool caller says it: the tool and its arguments, or the argument to change. */
export function toolWords(fix: Fix): string {
  switch (fix.kind) {
    case 'index':
      return indexWords(fix);
    case 'dry-run':
      return "an include glob brings back files a rule left out (see index_collection's include)";
    case 'phase':
      return `call migration_${fix.phase}${fix.by === 'agent' ? ' with by "agent"' : ''} on the same path`;
    case 'translate':
      return fix.source === undefined
        ? 'call migration_submit_translation for each waiting file (brief: prompt translate_file)'
        : `call migration_submit_translation with source "${fix.source}" and its Rust (${fix.why ?? 'brief: prompt translate_file'})`;
    case 'reset':
      return 'call migration_reset on the same path';
    case 'list-collections':
      return 'list_collections';
    case 'list-components':
      return 'list_components';
    case 'show-component':
      return 'get_component';
    case 'argument':
      return fix.value === undefined || isPlaceholder(fix.value)
        ? TOOL_ARGUMENTS[fix.name]
        : `${TOOL_ARGUMENTS[fix.name]} "${fix.value}"`;
  }
}

/** A fix as a call to make, or null when no tool does it (an argument of this call, a dry run). */
export function toolCall(fix: Fix, tool: string): FixCall | null {
  switch (fix.kind) {
    case 'index': {
      const args = {
        ...(typeof fix.folder === 'string' ? { folder: fix.folder } : {}),
        ...(fix.collection === undefined || isPlaceholder(fix.collection) ? {} : { name: fix.collection }),
      };
      return { tool: 'index_collection', arguments: args };
    }
    case 'phase':
      return {
        tool: `migration_${fix.phase}`,
        arguments: { path: fix.path, ...(fix.by === undefined ? {} : { by: fix.by }) },
      };
    case 'translate':
      return {
        tool: 'migration_submit_translation',
        arguments: { path: fix.path, ...(fix.source === undefined ? {} : { source: fix.source }) },
      };
    case 'reset':
      return { tool: 'migration_reset', arguments: { path: fix.path } };
    case 'list-collections':
      return { tool: 'list_collections', arguments: {} };
    case 'list-components':
      return { tool: 'list_components', arguments: {} };
    case 'show-component':
      return { tool: 'get_component', arguments: {} };
    case 'argument':
      return fix.name === 'mode' && fix.value !== undefined ? { tool, arguments: { mode: fix.value } } : null;
    case 'dry-run':
      return null;
  }
}

/** A note or message in tool words. */
export function toolText(text: Text): string {
  return typeof text === 'string' ? text : text.words(toolWords);
}

/** Anything thrown, as one line in tool words (describeError's line for anything but a BatutaError). */
export function toolErrorText(error: unknown): string {
  return error instanceof BatutaError && error.said !== undefined
    ? toolText(error.said)
    : describeError(error);
}

/** The calls that fix a thrown error, for `_meta`. */
export function toolCalls(error: unknown, tool: string): FixCall[] {
  if (!(error instanceof BatutaError)) return [];
  return error.fixes.flatMap((fix) => toolCall(fix, tool) ?? []);
}
