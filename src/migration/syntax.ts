/**
 * Reads the metrics of one parsed file in a single cursor pass over its syntax tree: functions with
 * their McCabe complexity (McCabe 1976: 1 + decision points) and loop nesting, imports, and calls whose
 * qualified name can be resolved through the file's imports (so `np.dot` is known to be `numpy.dot`).
 */
import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import { type GrammarRules, RULES } from './grammars.js';
import type { ApiUse, FunctionInfo, SourceLanguage } from './types.js';

/** What one file's syntax says, before mapping APIs to stack components. */
export interface SyntaxFacts {
  readonly functions: FunctionInfo[];
  readonly topLevelComplexity: number;
  readonly imports: string[];
  /** Python `from X import name` as `X.name`, for X not only dots (those are in imports as `.name`). */
  readonly fromNames: string[];
  readonly apiUses: ApiUse[];
  /** C and C++: the functions called by name, in order of first call. */
  readonly calls?: string[];
  readonly syntaxErrors: number;
}

/** One loop being walked: its own header and body (inner loops apart). */
interface LoopFrame {
  /** The I/O calls every pass makes: in the header, or in the body outside a branch. */
  readonly io: Set<string>;
  ops: number;
  /** How many branches (an if's arms, a switch's cases, an except) enclose the node being walked. */
  branches: number;
}

interface Scope {
  complexity: number;
  loopDepth: number;
  loopArithmetic: number;
  /** I/O calls every pass of one of the scope's loops makes, in order of first call. */
  readonly loopIO: Set<string>;
  /** Arithmetic in those loops. */
  ioLoopArithmetic: number;
  /** The loops open around the node being walked, innermost last. */
  readonly frames: LoopFrame[];
}

interface Walk {
  readonly rules: GrammarRules;
  readonly language: SourceLanguage;
  readonly functions: FunctionInfo[];
  readonly imports: string[];
  readonly fromNames: string[];
  readonly apiUses: ApiUse[];
  readonly aliases: Map<string, string>;
  readonly calls: string[];
  /** Python: names bound to an open file (`with open(…) as f`, `f = open(…)`). */
  readonly files: Set<string>;
  errors: number;
}

const LOGICAL_OPS = new Set(['&&', '||']);
const ARITHMETIC_OPS = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '@',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '**=',
  '@=',
]);

/** Calls that wait on a file, a pipe, a terminal or a socket (C and C++: stdio and the system calls). */
const C_IO = new Set([
  'read',
  'pread',
  'readv',
  'fread',
  'fgets',
  'getline',
  'getdelim',
  'getc',
  'fgetc',
  'getchar',
  'scanf',
  'fscanf',
  'recv',
  'recvfrom',
  'recvmsg',
  'write',
  'pwrite',
  'writev',
  'fwrite',
  'fputs',
  'puts',
  'fputc',
  'putc',
  'putchar',
  'printf',
  'fprintf',
  'vfprintf',
  'send',
  'sendto',
  'sendmsg',
]);
const PYTHON_IO_FUNCTIONS = new Set(['print', 'input']);
const PYTHON_IO_METHODS = new Set([
  'read',
  'readline',
  'readlines',
  'readinto',
  'write',
  'writelines',
  'recv',
  'recv_into',
  'recvfrom',
  'send',
  'sendall',
]);
const SHELL_IO = new Set(['read', 'echo', 'printf']);
/** Nodes whose children other than the condition (value, subject) run on some passes only. */
const BRANCHING = new Set([
  'if_statement',
  'switch_statement',
  'case_statement',
  'conditional_expression',
  'match_statement',
  'case_clause',
  'case_item',
]);
const HANDLERS = new Set(['except_clause', 'catch_clause']);

/** Whether the cursor's node runs on some passes of its loop only (an if's arm, a case, a handler). */
function branchOf(cursor: TreeCursor): boolean {
  if (HANDLERS.has(cursor.nodeType)) return true;
  const parent = cursor.currentNode.parent?.type;
  const field = cursor.currentFieldName;
  return (
    parent !== undefined &&
    BRANCHING.has(parent) &&
    field !== 'condition' &&
    field !== 'value' &&
    field !== 'subject'
  );
}
/** Python iterables that read a file line by line: `sys.stdin`, `open(…)`, `fileinput.input(…)`. */
const PYTHON_LINE_SOURCES = /^(sys\.stdin|(open|fileinput\.input|io\.open)\([\s\S]*\))$/;

function isOpenCall(node: Node | null): boolean {
  return node?.type === 'call' && /^(io\.)?open$/.test(node.childForFieldName('function')?.text ?? '');
}

/** Python: remembers a name bound to an open file, so `for line in f` is known to read it. */
function recordFile(type: string, node: Node, walk: Walk): void {
  const [value, name] =
    type === 'as_pattern'
      ? [node.namedChild(0), node.childForFieldName('alias')?.namedChild(0)]
      : [node.childForFieldName('right'), node.childForFieldName('left')];
  if (isOpenCall(value) && name?.type === 'identifier') walk.files.add(name.text);
}

/** The I/O a node does, as a reason names it (`fread`, `f.readline`, `for … in f`), or undefined. */
function ioOf(type: string, node: Node, walk: Walk): string | undefined {
  if (walk.language === 'shell') {
    const name = type === 'command' ? node.childForFieldName('name')?.text : undefined;
    return name !== undefined && SHELL_IO.has(name) ? name : undefined;
  }
  if (walk.language !== 'python') {
    const callee = type === 'call_expression' ? node.childForFieldName('function') : null;
    const name = callee?.text.split(/::|\.|->/).at(-1);
    return name !== undefined && C_IO.has(name) ? name : undefined;
  }
  if (type === 'for_statement' || type === 'for_in_clause') {
    const source = node.childForFieldName('right');
    const text = source?.text ?? '';
    return PYTHON_LINE_SOURCES.test(text) || (source?.type === 'identifier' && walk.files.has(text))
      ? `for … in ${text}`
      : undefined;
  }
  const callee = type === 'call' ? node.childForFieldName('function') : null;
  if (callee?.type === 'identifier' && PYTHON_IO_FUNCTIONS.has(callee.text)) return callee.text;
  const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  return method !== undefined && PYTHON_IO_METHODS.has(method) ? callee!.text : undefined;
}

function functionName(node: Node, language: SourceLanguage): string {
  if (language === 'python' || language === 'shell')
    return node.childForFieldName('name')?.text ?? '<anonymous>';
  let declarator = node.childForFieldName('declarator');
  while (declarator !== null && declarator.type !== 'function_declarator') {
    declarator = declarator.childForFieldName('declarator');
  }
  return declarator?.childForFieldName('declarator')?.text ?? '<anonymous>';
}

function operatorOf(node: Node): string | undefined {
  return node.childForFieldName('operator')?.type ?? node.child(1)?.type;
}

function recordPythonImport(node: Node, walk: Walk): void {
  const from =
    node.type === 'import_from_statement' ? node.childForFieldName('module_name')?.text : undefined;
  const dotsOnly = from !== undefined && /^\.+$/.test(from);
  if (from !== undefined && !dotsOnly) walk.imports.push(from);
  for (const name of node.childrenForFieldName('name')) {
    if (name === null) continue;
    const dotted = name.type === 'aliased_import' ? (name.childForFieldName('name')?.text ?? '') : name.text;
    const alias = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : undefined;
    if (from === undefined) {
      walk.imports.push(dotted);
      const head = dotted.split('.')[0] ?? dotted;
      walk.aliases.set(alias ?? head, alias === undefined ? head : dotted);
    } else {
      walk.aliases.set(alias ?? dotted, `${from}.${dotted}`);
      if (dotsOnly) walk.imports.push(`${from}${dotted}`);
      else walk.fromNames.push(`${from}.${dotted}`);
    }
  }
}

function recordCall(node: Node, walk: Walk): void {
  const callee = node.childForFieldName('function');
  if (callee === null || (callee.type !== 'identifier' && callee.type !== 'attribute')) return;
  const text = callee.text;
  if (text.includes('(') || text.includes('[')) return;
  const dot = text.indexOf('.');
  const head = dot < 0 ? text : text.slice(0, dot);
  const resolved = walk.aliases.get(head);
  if (resolved === undefined) return;
  walk.apiUses.push({ api: resolved + (dot < 0 ? '' : text.slice(dot)), line: node.startPosition.row + 1 });
}

function recordSpecial(type: string, cursor: TreeCursor, walk: Walk): void {
  if (walk.language === 'python') {
    if (type === 'import_statement' || type === 'import_from_statement')
      recordPythonImport(cursor.currentNode, walk);
    else if (type === 'call' && walk.aliases.size > 0) recordCall(cursor.currentNode, walk);
    else if (type === 'as_pattern' || type === 'assignment') recordFile(type, cursor.currentNode, walk);
  } else if (walk.language === 'shell') {
    if (type !== 'command') return;
    const node = cursor.currentNode;
    const name = node.childForFieldName('name')?.text;
    const target = node.childForFieldName('argument')?.text;
    if ((name === 'source' || name === '.') && target !== undefined) walk.imports.push(target);
  } else if (type === 'preproc_include') {
    const path = cursor.currentNode.childForFieldName('path')?.text;
    if (path !== undefined) walk.imports.push(path);
  } else if (type === 'call_expression') {
    const callee = cursor.currentNode.childForFieldName('function');
    if (callee?.type === 'identifier') walk.calls.push(callee.text);
  }
}

/** Where C puts a calling-convention or export macro: between a declaration's type and its declarator. */
const MACRO_PLACES = new Set([
  'function_definition',
  'declaration',
  'field_declaration',
  'parameter_declaration',
  'type_definition',
  'parenthesized_declarator',
]);

/**
 * Whether an ERROR node is only a macro the grammar cannot expand (expat's `static void XMLCALL start(…)`,
 * `API int f(…)`: one identifier, alone, where a C declaration may hold such a macro; or an attribute macro after
 * a prototype). tree-sitter reads no preprocessor, so this is the compiler's business, not damage to the file.
 */
function unexpandedMacro(node: Node, language: SourceLanguage): boolean {
  if (language !== 'c' && language !== 'cpp') return false;
  const word = node.childCount === 1 ? node.child(0) : null;
  if (word !== null && /identifier$/.test(word.type) && MACRO_PLACES.has(node.parent?.type ?? ''))
    return true;
  return attributedPrototype(node);
}

/**
 * Whether an ERROR node is a function prototype with attribute macros after its parameters (nettle's
 * `void werror(const char *format, ...) PRINTF_STYLE(1, 2);`, `void die(int) NORETURN;`, glibc's
 * `__THROW __nonnull ((1))`): type words, then the declarator ending in macro words or calls.
 */
function attributedPrototype(node: Node): boolean {
  const parts = node.namedChildren.filter((c) => c !== null);
  const declarator = parts.at(-1);
  if (declarator?.type !== 'function_declarator') return false;
  if (!parts.slice(0, -1).every((p) => /type|specifier|qualifier/.test(p.type))) return false;
  const end = declarator.childForFieldName('parameters')?.endIndex ?? Number.POSITIVE_INFINITY;
  const after = declarator.namedChildren.filter((c): c is Node => c !== null && c.startIndex >= end);
  return (
    after.length > 0 &&
    after.every(
      (macro) =>
        macro.type === 'identifier' ||
        (macro.type === 'call_expression' && macro.childForFieldName('function')?.type === 'identifier'),
    )
  );
}

function countNode(type: string, cursor: TreeCursor, walk: Walk, scope: Scope, loops: number): void {
  const { rules } = walk;
  if (rules.decisions.has(type)) scope.complexity++;
  if (rules.logical.has(type) && LOGICAL_OPS.has(operatorOf(cursor.currentNode) ?? '')) scope.complexity++;
  if (loops > 0 && rules.arithmetic.has(type)) {
    const op =
      type === 'augmented_assignment' || type === 'binary_operator'
        ? undefined
        : operatorOf(cursor.currentNode);
    if (op === undefined || ARITHMETIC_OPS.has(op)) {
      scope.loopArithmetic++;
      scope.frames.at(-1)!.ops++;
    }
  }
  const frame = scope.frames.at(-1);
  if (frame !== undefined && frame.branches === 0) {
    const io = ioOf(type, cursor.currentNode, walk);
    if (io !== undefined) frame.io.add(io);
  }
  if (type === 'ERROR' && !unexpandedMacro(cursor.currentNode, walk.language)) walk.errors++;
}

function visit(cursor: TreeCursor, walk: Walk, scope: Scope, depth: number, fn: FunctionInfo | null): void {
  const type = cursor.nodeType;
  let current = scope;
  let owner = fn;
  let loops = depth;
  if (walk.rules.functions.has(type)) {
    const node = cursor.currentNode;
    owner = {
      name: functionName(node, walk.language),
      line: node.startPosition.row + 1,
      endLine: node.endPosition.row + 1,
      complexity: 1,
      loopDepth: 0,
      loopArithmetic: 0,
      loopIO: [],
      ioLoopArithmetic: 0,
    };
    walk.functions.push(owner);
    current = newScope(0);
    loops = 0;
  }
  const branch = current.frames.length > 0 && branchOf(cursor);
  if (branch) current.frames.at(-1)!.branches++;
  const loop = walk.rules.loops.has(type);
  if (loop) {
    loops++;
    current.frames.push({ io: new Set(), ops: 0, branches: 0 });
  }
  current.loopDepth = Math.max(current.loopDepth, loops);
  countNode(type, cursor, walk, current, loops);
  recordSpecial(type, cursor, walk);
  if (cursor.gotoFirstChild()) {
    do visit(cursor, walk, current, loops, owner);
    while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  if (loop) {
    const frame = current.frames.pop()!;
    for (const io of frame.io) current.loopIO.add(io);
    if (frame.io.size > 0) current.ioLoopArithmetic += frame.ops;
  }
  if (branch) current.frames.at(-1)!.branches--;
  if (owner !== fn && owner !== null) {
    owner.complexity += current.complexity;
    owner.loopDepth = current.loopDepth;
    owner.loopArithmetic = current.loopArithmetic;
    owner.loopIO = [...current.loopIO];
    owner.ioLoopArithmetic = current.ioLoopArithmetic;
  }
}

function newScope(complexity: number): Scope {
  return { complexity, loopDepth: 0, loopArithmetic: 0, loopIO: new Set(), ioLoopArithmetic: 0, frames: [] };
}

/** Extracts the metrics of one file from its tree. */
export function readSyntax(tree: Tree, language: SourceLanguage): SyntaxFacts {
  const walk: Walk = {
    rules: RULES[language],
    language,
    functions: [],
    imports: [],
    fromNames: [],
    apiUses: [],
    aliases: new Map(),
    calls: [],
    files: new Set(),
    errors: 0,
  };
  const top = newScope(1);
  const cursor = tree.walk();
  visit(cursor, walk, top, 0, null);
  return {
    functions: walk.functions,
    topLevelComplexity: top.complexity,
    imports: [...new Set(walk.imports)],
    fromNames: [...new Set(walk.fromNames)],
    apiUses: walk.apiUses,
    ...(language === 'c' || language === 'cpp' ? { calls: [...new Set(walk.calls)] } : {}),
    syntaxErrors: walk.errors,
  };
}
