/**
 * Phase 1, analysis: walks the project, parses every Python, C/C++ and shell file with tree-sitter and
 * gathers languages, functions, complexity, imports, ML API uses mapped to stack components, manifests
 * and the technical-debt grade.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { BatutaError, InvalidInputError, NotFoundError } from '../errors.js';
import { loadKnowledge } from '../knowledge/index.js';
import { resolveUnder } from '../paths/contain.js';
import { readFileNoFollow } from '../paths/no-follow.js';
import { gradeDebt } from './debt.js';
import { detectLanguage, loadParsers, parserText } from './grammars.js';
import { isManifest, readManifest } from './manifests.js';
import { findMapping, libraryOf } from './ml-mappings.js';
import { sourcedPaths } from './sourced.js';
import { stackCratesUsed } from './stack-crates.js';
import { readSyntax } from './syntax.js';
import type { Analysis, FileAnalysis, Manifest, MlFinding, PhaseOptions, SourceLanguage } from './types.js';
import { walkProject } from './walk.js';

/** Files larger than this are generated or vendored data, not source worth parsing. */
const MAX_FILE_BYTES = 2_000_000;

/**
 * Resolves and checks a project path: it must exist and be a folder; the result is its real path. The
 * state folder and the database files SQLite opens in it must stay inside the project (OUTSIDE_ROOTS
 * otherwise), so a `.batuta` linked elsewhere is refused before anything opens or writes it.
 */
export function resolveProject(path: string, command: string): string {
  const root = resolve(path);
  let isDir: boolean;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new NotFoundError(
      `${command}: project "${path}" does not exist (give the path of a source folder)`,
      {
        path,
      },
    );
  }
  if (!isDir)
    throw new InvalidInputError(`${command}: "${path}" is not a folder (give the project folder)`, { path });
  const real = realpathSync(root);
  for (const file of ['state.db', 'state.db-wal', 'state.db-shm']) resolveUnder(real, '.batuta', file);
  return real;
}

/** Stops a phase between steps when its caller cancelled. */
export function throwIfAborted(signal: AbortSignal | undefined, phase: string): void {
  if (signal?.aborted) throw new BatutaError('CANCELLED', `${phase}: cancelled`);
}

interface SourceFile {
  readonly path: string;
  readonly language: SourceLanguage;
  readonly text: string;
}

/** What the walk found: sources by extension or shebang, and text files with neither (shell if sourced). */
interface Collected {
  readonly sources: SourceFile[];
  readonly manifests: Manifest[];
  readonly bare: Map<string, string>;
  readonly skipped: number;
}

function collect(root: string): Collected {
  const sources: SourceFile[] = [];
  const manifests: Manifest[] = [];
  const bare = new Map<string, string>();
  let skipped = 0;
  for (const path of walkProject(root)) {
    const full = join(root, path);
    let text: string;
    try {
      if (statSync(full).size > MAX_FILE_BYTES) {
        skipped++;
        continue;
      }
      text = readFileNoFollow(full).toString('utf8');
    } catch {
      skipped++;
      continue;
    }
    if (isManifest(path)) {
      const manifest = readManifest(path, text);
      if (manifest !== undefined) manifests.push(manifest);
    }
    const language = detectLanguage(path, text.slice(0, text.indexOf('\n') >>> 0));
    if (language !== undefined) sources.push({ path, language, text });
    else if (!basename(path).includes('.') && !text.includes('\0')) bare.set(path, text);
    else skipped++;
  }
  return { sources, manifests, bare, skipped: skipped + bare.size };
}

/**
 * Files with neither extension nor shebang that shell scripts source (git's `. git-sh-setup`): shell
 * libraries, found by following what each newly read shell file sources in turn.
 */
function sourcedShell(
  files: readonly FileAnalysis[],
  bare: Map<string, string>,
  read: (source: SourceFile) => FileAnalysis | undefined,
): FileAnalysis[] {
  const found: FileAnalysis[] = [];
  let scripts = files.filter((f) => f.language === 'shell');
  while (scripts.length > 0) {
    const next: FileAnalysis[] = [];
    for (const script of scripts) {
      for (const path of script.imports.flatMap((spec) => sourcedPaths(script.path, spec))) {
        const text = bare.get(path);
        if (text === undefined) continue;
        bare.delete(path);
        const file = read({ path, language: 'shell', text });
        if (file !== undefined) next.push(file);
      }
    }
    found.push(...next);
    scripts = next;
  }
  return found;
}

function countLines(text: string): { lines: number; codeLines: number } {
  const rows = text.split('\n');
  if (rows.at(-1) === '') rows.pop();
  return { lines: rows.length, codeLines: rows.filter((row) => row.trim() !== '').length };
}

function mlFindings(files: readonly FileAnalysis[]): MlFinding[] {
  const byApi = new Map<string, MlFinding>();
  const add = (api: string, path: string, uses: number): void => {
    const mapping = findMapping(api);
    if (mapping === undefined) return;
    const known = byApi.get(api);
    const finding = known ?? {
      library: libraryOf(api),
      api,
      component: mapping.component,
      replacement: mapping.replacement,
      uses: 0,
      files: [],
    };
    finding.uses += uses;
    if (!finding.files.includes(path)) finding.files.push(path);
    byApi.set(api, finding);
  };
  for (const file of files) {
    for (const use of file.apiUses) add(use.api, file.path, 1);
    if (file.language !== 'python') continue;
    const called = new Set(file.apiUses.map((use) => libraryOf(use.api)));
    for (const module of file.imports) if (!called.has(libraryOf(module))) add(module, file.path, 0);
  }
  return [...byApi.values()].sort((a, b) => b.uses - a.uses || a.api.localeCompare(b.api));
}

function languageStats(files: readonly FileAnalysis[]): Analysis['languages'] {
  const stats = new Map<SourceLanguage, Analysis['languages'][number]>();
  for (const f of files) {
    const s = stats.get(f.language) ?? {
      language: f.language,
      files: 0,
      lines: 0,
      codeLines: 0,
      functions: 0,
    };
    s.files++;
    s.lines += f.lines;
    s.codeLines += f.codeLines;
    s.functions += f.functions.length;
    stats.set(f.language, s);
  }
  return [...stats.values()].sort((a, b) => b.lines - a.lines);
}

/** Analyses the project at `path`; throws NOT_FOUND / INVALID_INPUT for a bad path, CANCELLED on abort. */
export async function analyzeProject(path: string, options: PhaseOptions = {}): Promise<Analysis> {
  const root = resolveProject(path, 'analyze');
  const { sources, manifests, bare, skipped } = collect(root);
  const parsers = await loadParsers(sources.map((s) => s.language));
  const read = (source: SourceFile): FileAnalysis | undefined => {
    const tree = parsers.get(source.language)?.parse(parserText(source.language, source.text));
    if (tree === null || tree === undefined) return undefined;
    const facts = readSyntax(tree, source.language);
    tree.delete();
    return { path: source.path, language: source.language, ...countLines(source.text), ...facts };
  };
  const files: FileAnalysis[] = [];
  for (const [index, source] of sources.entries()) {
    throwIfAborted(options.signal, 'analyze');
    const file = read(source);
    if (file !== undefined) files.push(file);
    if (index % 50 === 49 || index === sources.length - 1) {
      options.onProgress?.({
        phase: 'analyze',
        done: index + 1,
        total: sources.length,
        message: source.path,
      });
    }
  }
  const libraries = sourcedShell(files, bare, read);
  files.push(...libraries);
  for (const parser of parsers.values()) parser.delete();
  return {
    root,
    languages: languageStats(files),
    files,
    ml: mlFindings(files),
    manifests,
    stackComponents: stackCratesUsed(loadKnowledge().components, manifests, files),
    debt: gradeDebt(files),
    skipped: skipped - libraries.length,
  };
}
