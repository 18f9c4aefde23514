/**
 * Where a file a shell script sources (`. lib.sh`, `source "$(dirname "$0")"/lib`) may be in the project:
 * beside the script, or at the project path written. Shared by analysis (which finds sourced files that
 * have neither extension nor shebang) and the plan (which orders scripts after what they source).
 */
import { posix } from 'node:path';

/**
 * A sourced path with its quotes taken off and a leading `${BASH_SOURCE%/*}`, `$(dirname "$0")` or `$DIR`
 * read as the script's own folder: scripts find the files they source beside themselves that way.
 */
function besideScript(spec: string): string {
  const path = spec.replace(/["']/g, '');
  if (!path.startsWith('$')) return path;
  let depth = 0;
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') depth--;
    else if (c === '/' && depth === 0) return `.${path.slice(i)}`;
  }
  return path;
}

/** The project paths `spec`, sourced by the script at `script`, may name: beside the script first. */
export function sourcedPaths(script: string, spec: string): string[] {
  const path = besideScript(spec);
  return [posix.normalize(posix.join(posix.dirname(script), path)), posix.normalize(path)];
}
