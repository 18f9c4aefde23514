/**
 * TRANSLATE.md, the brief an agent translates one source file from: what to write and where, the rules
 * batuta checks, what the analysis found, the stack crates the plan maps the file's library calls to
 * (with matching recipes), the validation cases that will judge the result, and the source itself.
 */
import { posix } from 'node:path';
import type { ValidationCase } from './config.js';
import { type Dependency, describeDependency } from './declared-dependencies.js';
import { countOf } from './describe.js';
import { findMapping } from './ml-mappings.js';
import { unsplitEnvArguments } from './programs.js';
import type { FileAnalysis, PlanModule, SystemHeader } from './types.js';

/** The first line of a file still waiting for its translation; deleting it says the translation is done. */
export const PENDING_MARKER = 'batuta: translation pending';

/** A worked example from the knowledge base, offered for a stack crate. */
export interface BriefRecipe {
  readonly id: string;
  readonly problem: string;
  readonly code: string;
}

/** Recipes that use a component; the CLI and MCP entries pass the knowledge base's. */
export type RecipeLookup = (component: string) => readonly BriefRecipe[];

/** Everything the brief states about one file. */
export interface BriefInput {
  readonly module: PlanModule;
  /** The project folder, as the command to run again names it. */
  readonly project: string;
  /** The Rust file to write, relative to the crate folder: src/main.rs or src/lib.rs. */
  readonly file: string;
  readonly workspaceFile: string;
  readonly source: string;
  readonly analysis: FileAnalysis | undefined;
  /** Library crates of project files this one imports: crate name → the name Rust code uses. */
  readonly libraries: ReadonlyArray<{ readonly crate: string; readonly path: string }>;
  /** Dependencies declared with a translation (its Cargo.toml and build.rs say them). */
  readonly declared: readonly Dependency[];
  readonly cases: readonly ValidationCase[];
  readonly recipes: RecipeLookup | undefined;
  /** Set when Rust code from an earlier translation (or a transpiler) is kept below the marker. */
  readonly stale: string | undefined;
}

/** A C or C++ header. */
export const HEADER = /\.(h|hh|hpp|hxx)$/;

const FENCE: Record<PlanModule['language'], string> = { python: 'python', c: 'c', cpp: 'cpp', shell: 'sh' };

function analysisSection(file: FileAnalysis | undefined, module: PlanModule): string[] {
  if (file === undefined) return ['- (the file was not in the analysis; run analyze and plan again)'];
  const lines = [`- ${file.lines} lines (${file.codeLines} not blank), language ${file.language}`];
  for (const fn of file.functions) {
    lines.push(`- function \`${fn.name}\` lines ${fn.line}-${fn.endLine}, complexity ${fn.complexity}`);
  }
  if (file.imports.length > 0) lines.push(`- imports: ${file.imports.join(', ')}`);
  if (module.unresolved.length > 0) {
    lines.push(
      `- not in the project: ${module.unresolved.join(', ')} (a library or build output batuta cannot see: write what this file uses from them with the standard library)`,
    );
  }
  for (const use of file.apiUses) {
    const mapping = findMapping(use.api);
    const to = mapping ? ` → ${mapping.component}: ${mapping.replacement}` : '';
    lines.push(`- line ${use.line}: \`${use.api}\`${to}`);
  }
  for (const risk of module.risks) lines.push(`- risk: ${risk}`);
  if (file.syntaxErrors > 0)
    lines.push(`- the parser found ${countOf(file.syntaxErrors, 'syntax error')}; read the source with care`);
  return lines;
}

/** What the file's first line means when it names env with arguments (see unsplitEnvArguments). */
function firstLineNote(module: PlanModule, source: string): string[] {
  const line = source.slice(0, source.indexOf('\n') >>> 0);
  const named = unsplitEnvArguments(line);
  if (named === undefined) return [];
  const words = [named.command, ...named.args].join(' ');
  return [
    `- its first line \`${line}\` does not start it when run by name (env is handed "${line.replace(/^#!\s*\S+\s+/, '')}" as one program name and exits 127; \`#!/usr/bin/env -S ${words}\` would): validation runs it as ${words} ${module.path}, and the translation behaves as that does`,
  ];
}

/**
 * The system and library headers the file includes, by what provides them and which of its libraries they need
 * (one line per package and link), with what the agent can do: the C library's are std's; a library's can be linked by a `#[link]` on the file's own `extern "C"` block (the one
 * file an agent submits over MCP: no build.rs needed) or written with std.
 */
function headerLines(headers: readonly SystemHeader[]): string[] {
  const groups = new Map<string, SystemHeader[]>();
  for (const header of headers) {
    const key = header.cLibrary ? '' : `${header.library}\n${header.link.join(' ')}`;
    groups.set(key, [...(groups.get(key) ?? []), header]);
  }
  return [...groups].map(([key, group]) => {
    const library = key === '' ? '' : group[0]!.library;
    const includes = group.map((h) => h.include).join(', ');
    if (library === '')
      return `- system headers of the C library and the compiler: ${includes} (Rust's std covers them)`;
    const folders = [...new Set(group.map((h) => posix.dirname(h.path)))].join(', ');
    const of = library === 'unknown' ? 'an unknown library' : library;
    const link = group[0]!.link;
    if (link.length === 0) {
      return `- headers of ${of}: ${includes} (${folders})${library === 'unknown' ? '' : ', no library known to link'}: write what this file uses from them with std (or link the library they belong to with \`#[link(name = …)]\`)`;
    }
    const attributes = link.map((flag) => `\`#[link(name = "${flag.slice(2)}")]\``).join(' or ');
    return `- headers of ${of}: ${includes} (${folders}), linked with ${link.join(' ')}: declare what this file calls in an \`extern "C"\` block with ${attributes}${link.length > 1 ? ' (batuta could not tell which defines it: `nm -D --defined-only` on each library lists what it defines)' : ''}, or write it with std${pulledInClause(group, link)}`;
  });
}

/**
 * What the headers' own includes bring in beyond `link` (nettle's rsa.h → gmp.h: -lgmp), as a clause of their
 * line; empty when nothing.
 */
function pulledInClause(group: readonly SystemHeader[], link: readonly string[]): string {
  const byLink = new Map<string, string[]>();
  for (const { headers, link: more } of group.flatMap((h) => h.pulledIn ?? [])) {
    const flags = more.filter((flag) => !link.includes(flag));
    if (flags.length === 0) continue;
    const key = flags.join(' ');
    byLink.set(key, [...new Set([...(byLink.get(key) ?? []), ...headers])]);
  }
  if (byLink.size === 0) return '';
  const flags = [...byLink.keys()].flatMap((key) => key.split(' '));
  const named = [...byLink].map(([key, headers]) => `${headers.join(', ')} (${key})`).join(' and ');
  const attributes = [...new Set(flags)].map((flag) => `\`#[link(name = "${flag.slice(2)}")]\``).join(', ');
  return `; its own includes bring in ${named}: link ${byLink.size === 1 && flags.length === 1 ? 'that' : 'those'} too (${attributes}) for what this file calls from them`;
}

function stackSection(module: PlanModule, recipes: RecipeLookup | undefined): string[] {
  if (module.crates.length === 0)
    return ['None: the file calls no library the stack replaces. Use the Rust standard library.', ''];
  const out = [
    "The plan maps this file's library calls to these stack crates. They are not vendored here, so the crate",
    'must still pass `cargo build --offline`: use them only if they are available offline; otherwise write the',
    'same computation with the standard library and leave a `// stack: CRATE` comment where it would go.',
    '',
  ];
  for (const component of module.crates) {
    out.push(`### ${component}`);
    for (const recipe of (recipes?.(component) ?? []).slice(0, 2)) {
      out.push('', `Recipe \`${recipe.id}\`: ${recipe.problem}`, '', '```rust', recipe.code.trimEnd(), '```');
    }
    out.push('');
  }
  return out;
}

function casesSection(cases: readonly ValidationCase[]): string[] {
  if (cases.length === 0) {
    return [
      'None declared: validation runs both programs once with no arguments and no input and compares them.',
      'Declare cases in batuta.toml (`[[validation.cases]]`) to judge more behaviour.',
    ];
  }
  return cases.map((c) => {
    const parts = [`args ${JSON.stringify(c.args)}`];
    if (c.stdin !== '') parts.push(`stdin ${JSON.stringify(c.stdin)}`);
    if (c.files.length > 0) parts.push(`files ${c.files.join(', ')} copied into the run folder`);
    return `- \`${c.name}\`: ${parts.join('; ')}`;
  });
}

/** The text of TRANSLATE.md. */
export function renderBrief(input: BriefInput): string {
  const { module } = input;
  const program = input.file.endsWith('main.rs');
  const kind = program ? 'a program (binary crate)' : 'a library (lib crate)';
  const uses = input.libraries.map(
    (l) => `\`${l.crate}\` (from ${l.path}, \`use ${l.crate.replaceAll('-', '_')}::…\`)`,
  );
  const stale = input.stale === undefined ? [] : ['', `**Update needed:** ${input.stale}`];
  return [
    `# Translate ${module.path} to Rust`,
    ...stale,
    '',
    `Write \`${input.file}\` of the crate \`${module.crate}\` (\`${input.workspaceFile}\`) as ${kind} that behaves`,
    `exactly like \`${module.path}\`, and delete its first line (\`// ${PENDING_MARKER} …\`) when it is done.`,
    'batuta accepts the translation when that line is gone and `cargo build --offline` passes; validation then',
    ...(program
      ? [
          'runs both programs on the cases below and compares exit codes, stdout, stderr, files written and syscalls.',
        ]
      : [
          'runs the programs that use this library on their cases, and `cargo test`: a library never runs on its own,',
          'so pin what the original does with `#[cfg(test)]` tests in this file.',
        ]),
    '',
    '- Keep the output byte for byte: the same text, order, number formatting, line endings and exit codes.',
    ...(HEADER.test(module.path)
      ? [
          `- \`${module.path}\` is a header: the functions it declares are defined by the project files that implement them, each translated in its own crate; write here only what the header itself defines (types, constants, macros, inline functions), or leave the file empty (without its first line) when it defines nothing.`,
        ]
      : []),
    `- Dependencies available: ${uses.length > 0 ? uses.join(', ') : 'the standard library only'}.`,
    ...(input.declared.length === 0
      ? []
      : [`- Declared with the translation: ${input.declared.map(describeDependency).join('; ')}.`]),
    '- Another dependency (a project crate the plan does not see this file import, a system library to link, a',
    "  crates.io crate: this machine builds offline, so one not in cargo's cache fails the check): over MCP give it",
    '  in `migration_submit_translation`\'s `dependencies` (`{kind: "project", name}`, `{kind: "system", name}`,',
    '  `{kind: "registry", name, version}`); editing the files (CLI), add it to Cargo.toml or build.rs. batuta keeps',
    '  them, and rewrites only the dependency lines it marks `# batuta:`.',
    `- CLI: write the file, then run \`batuta transpile ${input.project}\` again. MCP: call \`migration_submit_translation\``,
    `  with \`source: "${module.path}"\` and the code, then \`migration_transpile\` on the project.`,
    `- While other files still wait, \`batuta validate ${input.project}\` (\`migration_validate\`) already compares the`,
    '  files accepted so far; the migration passes validation once every file is.',
    '',
    '## What the analysis found',
    '',
    ...analysisSection(input.analysis, module),
    ...firstLineNote(module, input.source),
    ...headerLines(module.headers),
    '',
    '## Stack crates',
    '',
    ...stackSection(module, input.recipes),
    '## Validation cases',
    '',
    ...(program ? casesSection(input.cases) : ['None: the programs that use this library carry the cases.']),
    '',
    `## Source: ${module.path}`,
    '',
    `\`\`\`${FENCE[module.language]}`,
    input.source.trimEnd(),
    '```',
    '',
  ].join('\n');
}
