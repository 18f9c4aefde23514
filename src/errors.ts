/**
 * One error family for the whole project. Every error carries a stable string `code` that callers
 * (CLI exit codes, MCP tool errors, tests) switch on, and the offending values in `details`.
 * Messages say where, what, and what to do: `index: folder "docs2" does not exist (give an existing folder)`.
 */
import type { Fix, Said, Text } from './fixes.js';

export type ErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'INVALID_DATA'
  | 'TOOL_MISSING'
  | 'PHASE_GATE'
  | 'CORRUPT_STORE'
  | 'MODEL_MISMATCH'
  | 'CANCELLED'
  | 'OUTSIDE_ROOTS'
  /** A folder that exists but holds nothing to index (empty, every file left out or unreadable). */
  | 'NO_DOCUMENTS'
  | 'IO';

export class BatutaError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  /** The message with its fixes as data (src/fixes.ts), when it names any; `message` is it in the CLI's words. */
  readonly said: Said | undefined;

  constructor(code: ErrorCode, message: Text, details: Record<string, unknown> = {}) {
    super(String(message));
    this.name = new.target.name;
    this.code = code;
    this.details = details;
    this.said = typeof message === 'string' ? undefined : message;
  }

  /** What fixes the problem, machine-readable: each surface says these in its own words. */
  get fixes(): Fix[] {
    return this.said?.fixes ?? [];
  }
}

/** A named thing (component, capability, collection, migration) that does not exist. */
export class NotFoundError extends BatutaError {
  constructor(message: Text, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', message, details);
  }
}

/** Input from a user or a client (flags, tool arguments, questions) that cannot be used. */
export class InvalidInputError extends BatutaError {
  constructor(message: Text, details: Record<string, unknown> = {}) {
    super('INVALID_INPUT', message, details);
  }
}

/** Data on disk (knowledge files, config, index rows, model files) that fails validation. */
export class InvalidDataError extends BatutaError {
  constructor(message: Text, details: Record<string, unknown> = {}) {
    super('INVALID_DATA', message, details);
  }
}

/** An external program (transpiler, cargo, strace) that is not installed or not runnable. */
export class ToolMissingError extends BatutaError {
  constructor(message: Text, details: Record<string, unknown> = {}) {
    super('TOOL_MISSING', message, details);
  }
}

/** A migration phase that cannot start because an earlier phase has not passed its gate. */
export class PhaseGateError extends BatutaError {
  constructor(message: Text, details: Record<string, unknown> = {}) {
    super('PHASE_GATE', message, details);
  }
}

/**
 * A path that leads outside the folders batuta may touch: `..` beyond them, an absolute path elsewhere, or
 * a symlink whose target lies outside (the message names the link).
 */
export class OutsideRootsError extends BatutaError {
  constructor(message: Text, details: Record<string, unknown> = {}) {
    super('OUTSIDE_ROOTS', message, details);
  }
}

/**
 * Codes of a write that found no room: Node's fs (no space, over the process's file size limit, over a
 * quota) and SQLite's (its I/O errors are how a refused write reaches it; SQLITE_FULL when it knows).
 */
const NO_ROOM = /^(ENOSPC|EFBIG|EDQUOT|SQLITE_FULL|SQLITE_IOERR(_WRITE|_FSYNC|_TRUNCATE|_SHMSIZE)?)$/;

/** Turns anything thrown into a one-line message suitable for stderr or an MCP tool error. */
export function describeError(error: unknown): string {
  if (error instanceof BatutaError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === 'string' && NO_ROOM.test(code)) {
    return `a write failed: ${error.message} (free disk space or raise the file size limit, then run it again)`;
  }
  if (error instanceof Error) return `internal error: ${error.message}`;
  return `internal error: ${String(error)}`;
}

/** describeError's line with the error's fixes kept, for a note or message that quotes the error. */
export function errorText(error: unknown): Text {
  return error instanceof BatutaError && error.said !== undefined ? error.said : describeError(error);
}
