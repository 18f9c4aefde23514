/**
 * Build-system helper scripts in a source tree are not documentation. GNU autotools and libtool copy the
 * same helpers into every project that uses them (`install-sh`, `config.guess`, `depcomp`, the 12,000-line
 * `ltmain.sh`) and generate `configure` and `libtool`; they are known by name, whatever their type. Any
 * other file the text rule would read, a `README`- or `INSTALL`-like name or a `.txt`, is a script when it
 * starts with `#!`: prose does not. Source code stays code (`deploy.sh` is indexed as a shell script).
 */
import type { DocumentKind } from './sections.js';

/** Helpers automake, autoconf, libtool and gettext install into build-aux/, and what autoconf generates. */
const AUTOTOOLS_HELPERS = new Set([
  'ar-lib',
  'compile',
  'config.guess',
  'config.rpath',
  'config.status',
  'config.sub',
  'configure',
  'depcomp',
  'install-sh',
  'libtool',
  'ltmain.sh',
  'mdate-sh',
  'missing',
  'mkinstalldirs',
  'py-compile',
  'tap-driver.sh',
  'test-driver',
  'ylwrap',
]);

/** A script's first line: `#!` after an optional byte-order mark, then the interpreter. */
const SHEBANG = /^\uFEFF?#!\s*(\S+)/;

/**
 * Why a file is a build script rather than a document, or null. `name` is the file's name (without
 * `.gz`), `kind` how the name says it is read (null: no document type); `head` gives the start of its
 * content and is called only for text files.
 */
export function buildScriptRule(name: string, kind: DocumentKind | null, head: () => string): string | null {
  if (AUTOTOOLS_HELPERS.has(name))
    return `build-system helper script (autotools: ${name}), not documentation`;
  if (kind !== 'text') return null;
  const interpreter = SHEBANG.exec(head())?.[1];
  return interpreter === undefined ? null : `a script (starts with #!${interpreter}), not documentation`;
}
