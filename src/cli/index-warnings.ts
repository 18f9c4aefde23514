/** Warnings of `batuta index` that are not errors. */
import type { CliIo } from './io.js';

/** A warning on stderr for each include glob that matched no file under `root` (not an error). */
export function warnUnmatched(root: string, globs: readonly string[], io: CliIo): void {
  for (const glob of globs)
    io.stderr(
      `batuta index: warning: --include "${glob}" matches no file in ${root} (a glob without "/" matches file names, one with "/" the path from the folder)\n`,
    );
}
