/**
 * The files a bench script is given (an index database, another checkout's built CLI, a questions file),
 * checked before the script uses them: a missing or unreadable one is an InvalidInputError naming the path
 * and the command that makes it, which runBench (bench-flags.ts) prints as one line, exit 2 — instead of
 * better-sqlite3's, readFileSync's or a child Node's stack from deep inside the run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { InvalidInputError } from '../../src/errors.js';

/** An index database given to the script: it must exist (opening a missing one read-only is a stack). */
export function existingDatabase(path: string): string {
  if (!existsSync(path))
    throw new InvalidInputError(
      `database ${path} does not exist (make it with "batuta index FOLDER --db ${path} --name NAME")`,
    );
  return path;
}

/** A built CLI (`OTHER/dist/src/cli/main.js`): it exists once that checkout ran its build. */
export function existingBuild(cli: string): string {
  if (!existsSync(cli))
    throw new InvalidInputError(`${cli} is not built (run "npm run build" in that checkout)`);
  return cli;
}

/** A folder given to the script (the documents it indexes). */
export function existingFolder(path: string, flag: string): string {
  if (!existsSync(path))
    throw new InvalidInputError(`${flag} ${path} does not exist (give an existing folder)`);
  return path;
}

/** The text of a file the script reads its input from (`flag` is how it was given, for the message). */
export function readInput(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InvalidInputError(`cannot read ${flag} ${path}: ${code} (give ${flag} a readable file)`);
  }
}
