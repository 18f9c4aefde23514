/**
 * Every fix a domain error or note can carry is said in tool terms over MCP and as a command line on the
 * CLI; no domain text names a batuta command as words (which MCP could not say its own way).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXES_META, toolCall, toolText, toolWords } from '../../mcp/fixes.js';
import { ERROR_CODE_META, toolError } from '../../mcp/tool-result.js';
import { BatutaError, NotFoundError } from '../../src/errors.js';
import { cliWords, FIX_KINDS, type Fix, say } from '../../src/fixes.js';

/** A CLI flag or command in a text meant for an MCP client. */
const CLI_WORDS = /(^|[\s"'(])--[a-z]|"?batuta [a-z]/;

/** One fix of each kind: a new kind fails to compile here until it has an example, and then below. */
const EXAMPLES: Record<Fix['kind'], readonly Fix[]> = {
  index: [
    { kind: 'index' },
    { kind: 'index', folder: '/srv/notes' },
    { kind: 'index', folder: null, collection: 'notes' },
    { kind: 'index', folder: null, db: '/tmp/x.db' },
  ],
  'dry-run': [{ kind: 'dry-run', folder: '/srv/notes' }],
  phase: [
    { kind: 'phase', phase: 'plan', path: '/p' },
    { kind: 'phase', phase: 'transpile', path: '/p', by: 'agent' },
  ],
  reset: [{ kind: 'reset', path: '/p' }],
  translate: [
    { kind: 'translate', path: '/p', source: 'up.sh', file: '.batuta/workspace/up/src/main.rs' },
    { kind: 'translate', path: '/p', source: 'up.sh', file: 'w/up/src/main.rs', why: 'cargo build failed' },
    { kind: 'translate', path: '/p' },
  ],
  'list-collections': [{ kind: 'list-collections', db: '/tmp/x.db' }],
  'list-components': [{ kind: 'list-components' }],
  'show-component': [
    { kind: 'show-component', about: 'replaces' },
    { kind: 'show-component', about: 'capabilities' },
  ],
  argument: [
    { kind: 'argument', name: 'mode', value: 'bm25' },
    { kind: 'argument', name: 'name' },
    { kind: 'argument', name: 'name', value: 'NAME' },
    { kind: 'argument', name: 'include', value: '*.txt' },
    { kind: 'argument', name: 'db' },
    { kind: 'argument', name: 'integrations' },
  ],
};

describe('fixes', () => {
  it('has an example of every kind', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...FIX_KINDS].sort());
  });

  it.each(FIX_KINDS.flatMap((kind) => EXAMPLES[kind].map((fix) => [kind, fix] as const)))(
    '%s is said in tool terms over MCP and with batuta words on the CLI (%j)',
    (_kind, fix) => {
      const tool = toolWords(fix);
      expect(tool.length).toBeGreaterThan(0);
      expect(tool).not.toMatch(CLI_WORDS);
      // The CLI hands in a translation by writing the file; every other fix is a batuta command or flag.
      expect(cliWords(fix)).toMatch(fix.kind === 'translate' ? /^write / : /batuta |--[a-z]/);
    },
  );

  it('says the messages the CLI and MCP both meet, each in its own words', () => {
    const cases: Array<[ReturnType<typeof say>, string, string]> = [
      [
        say`no component named "truno" (did you mean trueno? or see ${{ kind: 'list-components' }})`,
        'no component named "truno" (did you mean trueno? or see batuta oracle --list)',
        'no component named "truno" (did you mean trueno? or see list_components)',
      ],
      [
        say`phase plan has not run (${{ kind: 'phase', phase: 'plan', path: 'PROJECT' }} first)`,
        'phase plan has not run (run "batuta plan PROJECT" first)',
        'phase plan has not run (call migration_plan on the same path first)',
      ],
      [
        say`not indexed (${{ kind: 'index', folder: null, collection: 'notes' }})`,
        'not indexed (run "batuta index DIR --name notes")',
        'not indexed (call index_collection with name "notes")',
      ],
      [
        say`has no vectors (${{ kind: 'index', folder: '/srv/notes' }} to add them)`,
        'has no vectors (run "batuta index /srv/notes" to add them)',
        'has no vectors (call index_collection with folder "/srv/notes" to add them)',
      ],
      [
        say`search: ${{ kind: 'argument', name: 'mode', value: 'dense' }} needs the dense leg (use ${{ kind: 'argument', name: 'mode', value: 'bm25' }})`,
        'search: --mode dense needs the dense leg (use --mode bm25)',
        'search: mode "dense" needs the dense leg (use mode "bm25")',
      ],
      [
        say`no readable documents (${{ kind: 'dry-run', folder: '/d' }})`,
        'no readable documents (see what is skipped and why with "batuta index /d --dry-run")',
        "no readable documents (an include glob brings back files a rule left out (see index_collection's include))",
      ],
      [
        say`is not a batuta index (choose another ${{ kind: 'argument', name: 'db' }})`,
        'is not a batuta index (choose another --db path)',
        'is not a batuta index (choose another index database for this server: BATUTA_DB, set by whoever starts it)',
      ],
      [
        say`${{ kind: 'argument', name: 'integrations' }} must name two different components`,
        '--integrations must name two different components',
        'from and to must name two different components',
      ],
      [
        say`up.sh: ${{ kind: 'translate', path: '/p', source: 'up.sh', file: 'w/up/src/main.rs' }}, then ${{ kind: 'phase', phase: 'transpile', path: '/p' }}`,
        'up.sh: write w/up/src/main.rs (brief: its crate\'s TRANSLATE.md), then run "batuta transpile /p"',
        'up.sh: call migration_submit_translation with source "up.sh" and its Rust (brief: prompt translate_file), then call migration_transpile on the same path',
      ],
      [
        say`(${{ kind: 'translate', path: '/p' }}, then ${{ kind: 'phase', phase: 'transpile', path: '/p' }})`,
        '(write each waiting file as its TRANSLATE.md says, then run "batuta transpile /p")',
        '(call migration_submit_translation for each waiting file (brief: prompt translate_file), then call migration_transpile on the same path)',
      ],
      [
        say`state: damaged (${{ kind: 'reset', path: '/p' }} to start over)`,
        'state: damaged (run "batuta reset /p" to start over)',
        'state: damaged (call migration_reset on the same path to start over)',
      ],
    ];
    for (const [said, cli, mcp] of cases) {
      expect(String(said)).toBe(cli);
      expect(JSON.stringify({ note: said })).toBe(JSON.stringify({ note: cli }));
      expect(toolText(said)).toBe(mcp);
    }
    expect(toolText('lines 9-2 is not a range')).toBe('lines 9-2 is not a range');
  });

  it('puts the calls that fix a tool error in _meta beside its code', () => {
    const error = new NotFoundError(
      say`search: collection "notes" is not indexed (${{ kind: 'index', folder: null, collection: 'notes' }})`,
    );
    expect(error.message).toBe(
      'search: collection "notes" is not indexed (run "batuta index DIR --name notes")',
    );
    const result = toolError('search_docs', () => {}, error);
    expect(result._meta).toEqual({
      [ERROR_CODE_META]: 'NOT_FOUND',
      [FIXES_META]: [{ tool: 'index_collection', arguments: { name: 'notes' } }],
    });
    expect(result.content).toEqual([
      {
        type: 'text',
        text: 'search_docs: search: collection "notes" is not indexed (call index_collection with name "notes")',
      },
    ]);
    const mode = toolError(
      'search_docs',
      () => {},
      new BatutaError('INVALID_INPUT', say`(use ${{ kind: 'argument', name: 'mode', value: 'bm25' }})`),
    );
    expect(mode._meta?.[FIXES_META]).toEqual([{ tool: 'search_docs', arguments: { mode: 'bm25' } }]);
    expect(toolCall({ kind: 'dry-run', folder: '/d' }, 'index_collection')).toBeNull();
    expect(
      toolCall(
        { kind: 'translate', path: '/p', source: 'up.sh', file: 'w/up/src/main.rs' },
        'migration_status',
      ),
    ).toEqual({ tool: 'migration_submit_translation', arguments: { path: '/p', source: 'up.sh' } });
  });
});

/**
 * Files of src/ whose strings reach MCP clients: not src/cli (it prints to people only), not train/ (an
 * offline tool), not fixes.ts (the CLI's words for each fix).
 */
function domainFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return ['cli', 'train'].includes(entry) ? [] : domainFiles(path);
    return path.endsWith('.ts') && entry !== 'fixes.ts' ? [path] : [];
  });
}

describe('domain text', () => {
  it('names no batuta command as words: a fix is data, so MCP can say it as a tool call', () => {
    const src = resolve(import.meta.dirname, '../../src');
    const command =
      /(run |e\.g\. |with )?"batuta (index|collections|analyze|plan|transpile|optimize|validate|deploy|reset|oracle)\b/;
    // Renaming and removing a collection are CLI commands only; their messages are the CLI's alone.
    const cliOnly = /"batuta collections (remove|rename) /;
    const found = domainFiles(src).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${relative(src, file)}:${i + 1}` }))
        .filter(({ line }) => !/^\s*(\*|\/\/|\/\*\*)/.test(line) && command.test(line) && !cliOnly.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
