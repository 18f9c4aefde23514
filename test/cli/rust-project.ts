/**
 * What the migration suites share to run cargo through the built CLI: the machine's Rust toolchain (the CLI
 * runs with a private HOME), a timeout that does not race cargo, and writing a project's files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** cargo builds slow down a lot on a shared machine; a test is not meant to race the clock. */
export const CARGO_TIMEOUT = 600_000;

/** The CLI runs with a private HOME; cargo still needs the machine's Rust toolchain. */
export const RUST_ENV: Record<string, string> = {
  RUSTUP_HOME: process.env['RUSTUP_HOME'] ?? join(homedir(), '.rustup'),
  CARGO_HOME: process.env['CARGO_HOME'] ?? join(homedir(), '.cargo'),
};

/** Writes `files` (path under `root` → text), making their folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
