/**
 * Loads the tree-sitter grammars (WebAssembly builds shipped inside the npm grammar packages) and says,
 * per language, which syntax nodes are functions, decisions and loops. Loaded once per analysis run.
 */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import type { SourceLanguage } from './types.js';

/** Node types that matter for the metrics, per language. */
export interface GrammarRules {
  readonly functions: ReadonlySet<string>;
  readonly decisions: ReadonlySet<string>;
  readonly loops: ReadonlySet<string>;
  /** Binary-operator node types whose `&&`/`||`/`and`/`or` operator adds a decision. */
  readonly logical: ReadonlySet<string>;
  readonly arithmetic: ReadonlySet<string>;
}

const PYTHON: GrammarRules = {
  functions: new Set(['function_definition']),
  decisions: new Set([
    'if_statement',
    'elif_clause',
    'for_statement',
    'while_statement',
    'except_clause',
    'conditional_expression',
    'for_in_clause',
    'if_clause',
    'case_clause',
    'boolean_operator',
  ]),
  loops: new Set(['for_statement', 'while_statement', 'for_in_clause']),
  logical: new Set(),
  arithmetic: new Set(['binary_operator', 'augmented_assignment']),
};

const C_LIKE: GrammarRules = {
  functions: new Set(['function_definition']),
  decisions: new Set([
    'if_statement',
    'for_statement',
    'for_range_loop',
    'while_statement',
    'do_statement',
    'case_statement',
    'conditional_expression',
    'catch_clause',
  ]),
  loops: new Set(['for_statement', 'for_range_loop', 'while_statement', 'do_statement']),
  logical: new Set(['binary_expression']),
  arithmetic: new Set(['binary_expression', 'assignment_expression']),
};

const SHELL: GrammarRules = {
  functions: new Set(['function_definition']),
  decisions: new Set([
    'if_statement',
    'elif_clause',
    'for_statement',
    'c_style_for_statement',
    'while_statement',
    'case_item',
    'ternary_expression',
  ]),
  loops: new Set(['for_statement', 'c_style_for_statement', 'while_statement']),
  logical: new Set(['list']),
  arithmetic: new Set(['arithmetic_expansion', 'binary_expression']),
};

const PACKAGE: Record<SourceLanguage, string> = {
  python: 'tree-sitter-python',
  c: 'tree-sitter-c',
  cpp: 'tree-sitter-cpp',
  shell: 'tree-sitter-bash',
};

export const RULES: Record<SourceLanguage, GrammarRules> = {
  python: PYTHON,
  c: C_LIKE,
  cpp: C_LIKE,
  shell: SHELL,
};

/**
 * `for NAME do` with blanks only before `do` (no `in`: POSIX loops over "$@"; znew, zgrep and git's scripts
 * write it) at a command's start; tree-sitter-bash wants `;` or a newline there.
 */
const SHELL_FOR_WITHOUT_IN =
  /(^|[\n;&|({]|\bthen|\bdo|\belse)([ \t]*for[ \t]+[A-Za-z_]\w*)[ \t](?=[ \t]*do\b)/g;

/**
 * A case pattern (at a line's start or after `(`, `;` or `in`, up to its `)`): words of plain characters and
 * single-quoted strings, alternatives joined by `|`; tree-sitter-bash errs on a quoted string with a blank right after a glob (`?*' '?*)`
 * in git's merge scripts) and its ERROR region swallows the commands after it.
 */
const SHELL_CASE_PATTERN =
  /(^|[\n(;]|\bin)([ \t]*)((?:[^\s;&|()<>'"]|'[^'\n]*')+(?:[ \t]*\|[ \t]*(?:[^\s;&|()<>'"]|'[^'\n]*')+)*)(?=[ \t]*\))/g;

/** A single-quoted string right after a glob character. */
const QUOTED_AFTER_GLOB = /(?<=[*?])'[^'\n]*'/g;

/** The pattern with the blanks of its quoted strings after a glob read as `_`: the same length. */
function casePatternText(pattern: string): string {
  return pattern.replace(QUOTED_AFTER_GLOB, (quoted) => quoted.replace(/[ \t]/g, '_'));
}

/**
 * The text given to the parser: the file itself, except that a shell `for NAME do` gets its `;` (the blank
 * before `do` becomes one), so the grammar reads the loop POSIX allows, and a case pattern's quoted blanks
 * after a glob are read as another character (what the pattern matches is nothing the analysis reads).
 * Lengths and line numbers stay as they are, so every position the tree reports is the file's.
 */
export function parserText(language: SourceLanguage, text: string): string {
  if (language !== 'shell') return text;
  return text
    .replace(SHELL_FOR_WITHOUT_IN, '$1$2;')
    .replace(
      SHELL_CASE_PATTERN,
      (_all, start: string, blanks: string, pattern: string) =>
        `${start}${blanks}${casePatternText(pattern)}`,
    );
}

/** One parser per language, ready to use. */
export type Parsers = ReadonlyMap<SourceLanguage, Parser>;

/** Loads the grammars for the given languages (only those a project uses). */
export async function loadParsers(languages: Iterable<SourceLanguage>): Promise<Parsers> {
  const require = createRequire(import.meta.url);
  await Parser.init();
  const parsers = new Map<SourceLanguage, Parser>();
  for (const language of new Set(languages)) {
    const pkg = PACKAGE[language];
    const wasm = require.resolve(`${pkg}/${pkg}.wasm`);
    const parser = new Parser();
    parser.setLanguage(await Language.load(wasm));
    parsers.set(language, parser);
  }
  return parsers;
}

/** Language of a file from its extension or, for extension-less scripts, its shebang line. */
export function detectLanguage(path: string, firstLine: string): SourceLanguage | undefined {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (path.includes('.')) {
    if (ext === 'py' || ext === 'pyw') return 'python';
    if (ext === 'c' || ext === 'h') return 'c';
    if (['cc', 'cpp', 'cxx', 'c++', 'hpp', 'hh', 'hxx'].includes(ext)) return 'cpp';
    if (ext === 'sh' || ext === 'bash') return 'shell';
  }
  if (!firstLine.startsWith('#!')) return undefined;
  if (/\bpython[0-9.]*\b/.test(firstLine)) return 'python';
  if (/\b(ba|da|k|z)?sh\b/.test(firstLine)) return 'shell';
  return undefined;
}
