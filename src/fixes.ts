/**
 * What fixes a problem, as data rather than words: errors and notes carry their fixes (an index run, a
 * migration phase, a reset, a listing, an argument to change) inside their text, and each surface says them
 * in its own vocabulary — the CLI as `batuta` command lines and flags (`cliWords`, here: an Error's message
 * must be a string, and the CLI's words are that string), MCP as tool calls and argument names
 * (mcp/fixes.ts). Nothing is written twice and nothing is rewritten by pattern.
 */

/** Migration phases a fix can name (the order of src/migration/types.ts PHASES). */
export type FixPhase = 'analyze' | 'plan' | 'transpile' | 'optimize' | 'validate' | 'deploy';

/** Arguments a message can name; each surface has its own spelling (`--mode` on the CLI, `mode` in MCP). */
export type FixArgument = 'mode' | 'name' | 'include' | 'db' | 'integrations';

/** The closed set of fixes; adding one is a type error in every renderer until each says it. */
export type Fix =
  /**
   * Index a folder (again). `folder` names it; null asks the caller to choose one (the CLI writes DIR);
   * absent means the collection just named.
   */
  | {
      readonly kind: 'index';
      readonly folder?: string | null;
      readonly collection?: string;
      readonly db?: string;
    }
  /** See which files the selection rules leave out of `folder`, and why. */
  | { readonly kind: 'dry-run'; readonly folder: string }
  /** Run a migration phase on the project at `path` (by an agent for transpile). */
  | { readonly kind: 'phase'; readonly phase: FixPhase; readonly path: string; readonly by?: 'agent' }
  /**
   * Hand in the Rust of a file waiting for an agent: `source` and the Rust `file` of its crate, or, without
   * them, each waiting file. The CLI writes the file, an MCP client submits it. `why` (a failed check) is said
   * where the brief is pointed to otherwise.
   */
  | {
      readonly kind: 'translate';
      readonly path: string;
      readonly source?: string;
      readonly file?: string;
      readonly why?: string;
    }
  /** Start the project's migration over. */
  | { readonly kind: 'reset'; readonly path: string }
  /** List the collections of the index database (`db` when it is not the default). */
  | { readonly kind: 'list-collections'; readonly db?: string }
  /** List the components by layer. */
  | { readonly kind: 'list-components' }
  /** Show one component in full (its replacements, capabilities); NAME when none is known. */
  | { readonly kind: 'show-component'; readonly about: 'replaces' | 'capabilities' }
  /** An argument of the call (`value`, when given, is the one to use). */
  | { readonly kind: 'argument'; readonly name: FixArgument; readonly value?: string };

/** Every kind of fix, so a test can make sure each surface says each one. */
export const FIX_KINDS = [
  'index',
  'dry-run',
  'phase',
  'translate',
  'reset',
  'list-collections',
  'list-components',
  'show-component',
  'argument',
] as const satisfies readonly Fix['kind'][];

/** How one surface says a fix. */
export type FixWords = (fix: Fix) => string;

/** A piece of text: words, or a fix each surface says in its own words. */
export type Part = string | Fix;

/**
 * Text that names fixes: parts that are words or fixes. It stands in for a string wherever one is printed
 * or serialized (toString and toJSON give the CLI's words); MCP says it with `words(toolWords)`.
 */
export class Said {
  constructor(readonly parts: readonly Part[]) {}

  /** The text with each fix said by `render` (one surface's words). */
  words(render: FixWords): string {
    return this.parts.map((part) => (typeof part === 'string' ? part : render(part))).join('');
  }

  /** The fixes named, in order: what a client can act on without reading the text. */
  get fixes(): Fix[] {
    return this.parts.filter((part): part is Fix => typeof part !== 'string');
  }

  toString(): string {
    return this.words(cliWords);
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Text with or without fixes: what notes and messages are. */
export type Text = string | Said;

/** Parts with neighbouring words merged and empty words dropped. */
function merged(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else if (part !== '') out.push(part);
  }
  return out;
}

const partsOf = (value: string | number | Fix | Said): Part[] =>
  value instanceof Said ? [...value.parts] : [typeof value === 'object' ? value : String(value)];

/** Words alone as a string, words with fixes as a Said. */
function textOf(parts: readonly Part[]): Text {
  const all = merged(parts);
  return all.every((part) => typeof part === 'string') ? all.join('') : new Said(all);
}

/**
 * Builds text from a template: `say\`search: collection "${name}" is not indexed (${fix})\``. Strings and
 * numbers are words, a Said is spliced in with its fixes, any other value is a fix. Text without a fix
 * comes back as a plain string, so notes that name none stay strings.
 */
export function say(
  strings: TemplateStringsArray,
  ...values: ReadonlyArray<string | number | Fix | Said>
): Text {
  return textOf(strings.flatMap((text, i) => (i < values.length ? [text, ...partsOf(values[i]!)] : [text])));
}

/** Texts joined by `separator`, their fixes kept. */
export function joined(texts: readonly Text[], separator: string): Text {
  return textOf(texts.flatMap((text, i) => [...(i > 0 ? [separator] : []), ...partsOf(text)]));
}

/** Index the collection just named again (its folder is the one it was indexed from). */
export const INDEX_AGAIN: Fix = { kind: 'index' };

/** The index database: a flag on the CLI, the server's own setting over MCP. */
export const DB_ARGUMENT: Fix = { kind: 'argument', name: 'db' };

/** The collection's name argument. */
export const NAME_ARGUMENT: Fix = { kind: 'argument', name: 'name' };

/** The fixes of a text (none for plain words). */
export function fixesOf(text: Text): Fix[] {
  return typeof text === 'string' ? [] : text.fixes;
}

/** A shell-safe spelling of one argument, for the command lines the CLI quotes. */
export function shellArg(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** The CLI's spelling of each argument a message can name. */
const CLI_ARGUMENTS: Record<FixArgument, string> = {
  mode: '--mode',
  name: '--name',
  include: '--include',
  db: '--db path',
  integrations: '--integrations',
};

/** A fix as the CLI says it: the command line to run, or the flag. */
export const cliWords: FixWords = (fix) => {
  switch (fix.kind) {
    case 'index': {
      const folder =
        fix.folder === null ? ' DIR' : fix.folder === undefined ? '' : ` ${shellArg(fix.folder)}`;
      const name = fix.collection === undefined ? '' : ` --name ${shellArg(fix.collection)}`;
      const db = fix.db === undefined ? '' : ` --db ${fix.db}`;
      return `run "batuta index${folder}${name}${db}"`;
    }
    case 'dry-run':
      return `see what is skipped and why with "batuta index ${shellArg(fix.folder)} --dry-run"`;
    case 'phase':
      return `run "batuta ${fix.phase} ${shellArg(fix.path)}${fix.by === 'agent' ? ' --by agent' : ''}"`;
    case 'translate':
      return fix.file === undefined
        ? 'write each waiting file as its TRANSLATE.md says'
        : `write ${fix.file} (${fix.why ?? "brief: its crate's TRANSLATE.md"})`;
    case 'reset':
      return `run "batuta reset ${shellArg(fix.path)}"`;
    case 'list-collections':
      return `"batuta collections${fix.db === undefined ? '' : ` --db ${fix.db}`}"`;
    case 'list-components':
      return 'batuta oracle --list';
    case 'show-component':
      return fix.about === 'replaces'
        ? 'batuta oracle --show NAME'
        : 'batuta oracle --list-capabilities NAME';
    case 'argument': {
      const value = fix.name === 'include' ? `"${fix.value}"` : fix.value;
      return fix.value === undefined ? CLI_ARGUMENTS[fix.name] : `${CLI_ARGUMENTS[fix.name]} ${value}`;
    }
  }
};
