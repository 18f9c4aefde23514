/**
 * What provides a header the compiler's include path holds, as far as this machine can tell offline: a
 * pkg-config module whose own include folder holds it (`-I/usr/include/glib-2.0` for `<glib.h>`), else the
 * Debian package `dpkg -S` names (with the libraries of that package's pkg-config modules), else "unknown".
 * Of several libraries, the ones whose dynamic symbols (`nm -D`) define a name the header declares are kept
 * (nettle-dev's sha1.h: -lnettle, not hogweed's too). The package of the compiler's own stdio.h and stddef.h
 * is the C library's and the compiler's: Rust's std covers those.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { findProgram, runTool } from './run-tool.js';

/** What provides one header. */
export interface HeaderLibrary {
  /** pkg-config modules or Debian packages, comma-separated; "unknown" when neither says. */
  readonly library: string;
  /** The library's linker flags (the `-l` words of its pkg-config Libs); empty when none are known. */
  readonly link: readonly string[];
  /** Whether it comes with the C library or the compiler, which Rust's std already covers. */
  readonly cLibrary: boolean;
}

/** A pkg-config module: its name (the .pc file's), include folders, library folders and `-l` libraries. */
export interface PkgConfigModule {
  readonly name: string;
  readonly includes: readonly string[];
  readonly libraryFolders: readonly string[];
  readonly link: readonly string[];
}

/** Reads a .pc file: variables (`prefix=/usr`) expanded into its Cflags and Libs fields. */
export function readPkgConfig(name: string, text: string): PkgConfigModule {
  const variables = new Map<string, string>();
  const fields = new Map<string, string>();
  const expand = (value: string) =>
    value.replace(/\$\{([\w.]+)\}/g, (_all, key: string) => variables.get(key) ?? '');
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const variable = /^([\w.]+)\s*=\s*(.*)$/.exec(line);
    const field = /^([\w.-]+):\s*(.*)$/.exec(line);
    if (variable !== null) variables.set(variable[1]!, expand(variable[2]!));
    else if (field !== null) fields.set(field[1]!.toLowerCase(), expand(field[2]!));
  }
  const flags = (field: string, flag: string) =>
    (fields.get(field) ?? '').split(/\s+/).filter((w) => w.startsWith(flag) && w.length > 2);
  return {
    name,
    includes: flags('cflags', '-I').map((w) => w.slice(2)),
    libraryFolders: flags('libs', '-L').map((w) => w.slice(2)),
    link: flags('libs', '-l'),
  };
}

/** Where and how to look: the project (tools found from it) and the search path for pkg-config and dpkg. */
export interface LibraryOptions {
  readonly root: string;
  readonly searchPath: string | undefined;
  readonly signal?: AbortSignal;
}

/** The .pc files on pkg-config's own search path (`pc_path`), by file; none without pkg-config. */
async function pkgConfigFiles(options: LibraryOptions): Promise<Map<string, PkgConfigModule>> {
  const bin = findProgram('pkg-config', options.root, options.searchPath);
  const modules = new Map<string, PkgConfigModule>();
  if (bin === undefined) return modules;
  const run = await runTool(bin, ['--variable', 'pc_path', 'pkg-config'], {
    cwd: options.root,
    signal: options.signal,
  });
  for (const folder of run.stdout.trim().split(':').filter(Boolean)) {
    if (statSync(folder, { throwIfNoEntry: false })?.isDirectory() !== true) continue;
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.pc'))
      .sort()) {
      const path = join(folder, file);
      modules.set(path, readPkgConfig(basename(file, '.pc'), readFileSync(path, 'utf8')));
    }
  }
  return modules;
}

/** The packages `dpkg -S` names for each path it knows (one call for all); none without dpkg. */
async function dpkgOwners(paths: readonly string[], options: LibraryOptions): Promise<Map<string, string[]>> {
  const bin = findProgram('dpkg', options.root, options.searchPath);
  const owners = new Map<string, string[]>();
  if (bin === undefined || paths.length === 0) return owners;
  const run = await runTool(bin, ['-S', ...paths], { cwd: options.root, signal: options.signal });
  for (const line of run.stdout.split('\n')) {
    const owned = /^([^/]+): (\/.*)$/.exec(line);
    if (owned === null || line.startsWith('diversion ')) continue;
    owners.set(
      owned[2]!,
      owned[1]!.split(', ').map((pkg) => pkg.replace(/:[\w-]+$/, '')),
    );
  }
  return owners;
}

const UNKNOWN: HeaderLibrary = { library: 'unknown', link: [], cLibrary: false };

/**
 * What provides each header (`header` as included, `path` where the include path has it). `system` holds the
 * compiler's system folders: a pkg-config module's -I of one of them tells nothing about a header there.
 */
export async function headerLibraries(
  headers: ReadonlyArray<{ readonly header: string; readonly path: string }>,
  system: readonly string[],
  options: LibraryOptions,
): Promise<Map<string, HeaderLibrary>> {
  const out = new Map<string, HeaderLibrary>();
  if (headers.length === 0) return out;
  const pcFiles = await pkgConfigFiles(options);
  const systemFolders = new Set(system.map((folder) => resolve(folder)));
  const rest: Array<{ header: string; path: string }> = [];
  const linkers = new Map<string, PkgConfigModule[]>();
  for (const { header, path } of headers) {
    const modules = [...pcFiles.values()].filter((m) =>
      m.includes.some((folder) => !systemFolders.has(resolve(folder)) && resolve(folder, header) === path),
    );
    if (modules.length === 0) rest.push({ header, path });
    else {
      linkers.set(path, modules);
      out.set(path, {
        library: modules.map((m) => m.name).join(', '),
        link: linkOf(modules),
        cLibrary: false,
      });
    }
  }
  const cHeaders = ['stdio.h', 'stddef.h'].flatMap((header) => {
    const found = system.map((folder) => resolve(folder, header)).find(isFile);
    return found === undefined ? [] : [found];
  });
  const owners = await dpkgOwners(
    [...new Set([...rest.map((h) => h.path), ...cHeaders, ...pcFiles.keys()])],
    options,
  );
  const cPackages = new Set(cHeaders.flatMap((path) => owners.get(path) ?? []));
  for (const { path } of rest) {
    const packages = owners.get(path);
    if (packages === undefined) {
      out.set(path, UNKNOWN);
      continue;
    }
    const modules = [...pcFiles]
      .filter(([pc]) => owners.get(pc)?.some((p) => packages.includes(p)))
      .map(([, m]) => m);
    linkers.set(path, modules);
    out.set(path, {
      library: packages.join(', '),
      link: linkOf(modules),
      cLibrary: packages.every((p) => cPackages.has(p)),
    });
  }
  const symbols = definedSymbols(options);
  for (const [path, modules] of linkers) {
    const library = out.get(path)!;
    if (library.link.length > 1)
      out.set(path, { ...library, link: await definingLinks(path, modules, symbols) });
  }
  return new Map(headers.map(({ path }) => [path, out.get(path)!]));
}

/** The names a library defines, by `-l` flag and the folders to look in (each library read once); none without nm. */
type SymbolTable = (flag: string, folders: readonly string[]) => Promise<ReadonlySet<string>>;

/**
 * The C compiler's library folders (`cc -print-search-dirs`), where a .pc file without -L leaves its library;
 * undefined without a compiler (not known).
 */
export async function compilerLibraryFolders(options: LibraryOptions): Promise<string[] | undefined> {
  const cc = findProgram('cc', options.root, options.searchPath);
  if (cc === undefined) return undefined;
  const run = await runTool(cc, ['-print-search-dirs'], { cwd: options.root, signal: options.signal });
  const line = run.stdout.split('\n').find((l) => l.startsWith('libraries: ='));
  return (line?.slice('libraries: ='.length).split(':') ?? []).filter(Boolean).map((f) => resolve(f));
}

/**
 * Reads libraries' dynamic symbols with `nm -D --defined-only`, each once, looking in the given folders, then
 * the compiler's; a library not found or not read (a linker script) defines none, as does every one without nm.
 */
function definedSymbols(options: LibraryOptions): SymbolTable {
  const nm = findProgram('nm', options.root, options.searchPath);
  const read = new Map<string, Promise<ReadonlySet<string>>>();
  let compiler: Promise<string[] | undefined> | undefined;
  return async (flag, folders) => {
    if (nm === undefined) return new Set();
    compiler ??= compilerLibraryFolders(options);
    const file = [...folders, ...((await compiler) ?? [])]
      .map((f) => join(f, `lib${flag.slice(2)}.so`))
      .find(isFile);
    if (file === undefined) return new Set();
    if (!read.has(file)) {
      const run = runTool(nm, ['-D', '--defined-only', file], { cwd: options.root, signal: options.signal });
      read.set(
        file,
        run.then(
          (r) => new Set(r.stdout.split('\n').flatMap((l) => /^\S*\s+\w\s+([^@\s]+)/.exec(l)?.[1] ?? [])),
        ),
      );
    }
    return read.get(file)!;
  };
}

/**
 * Of `modules`' libraries, those that define a name the header at `path` spells out (a function it declares,
 * the symbol a macro renames it to); all of them when none or every one does, since then which it needs is not
 * known offline.
 */
async function definingLinks(
  path: string,
  modules: readonly PkgConfigModule[],
  symbols: SymbolTable,
): Promise<string[]> {
  const all = linkOf(modules);
  const names = new Set(readFileSync(path, 'utf8').match(/[A-Za-z_]\w*/g) ?? []);
  const folders = modules.flatMap((m) => m.libraryFolders);
  const defining: string[] = [];
  for (const flag of all) {
    const defined = await symbols(flag, folders);
    if ([...names].some((name) => defined.has(name))) defining.push(flag);
  }
  return defining.length === 0 ? all : defining;
}

/** The `-l` flags of pkg-config modules, each once, in the modules' order. */
function linkOf(modules: readonly PkgConfigModule[]): string[] {
  return [...new Set(modules.flatMap((m) => m.link))];
}

/** Whether `path` is a file (not a folder, not missing). */
export const isFile = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isFile() === true;
