/**
 * describeError: a write that runs out of room (no space left, over the file size limit, over a quota, from
 * Node's fs or from SQLite) is one line saying so and what to do, not an "internal error".
 */
import { describe, expect, it } from 'vitest';
import { BatutaError, describeError } from '../src/errors.js';

function failure(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('describeError', () => {
  it.each([
    ['EFBIG', 'EFBIG: file too large, write'],
    ['ENOSPC', 'ENOSPC: no space left on device, write'],
    ['EDQUOT', 'EDQUOT: disk quota exceeded, write'],
    ['SQLITE_FULL', 'database or disk is full'],
    ['SQLITE_IOERR_WRITE', 'disk I/O error'],
  ])('%s says the disk or the file size limit is the problem', (code, message) => {
    const line = describeError(failure(code, message));
    expect(line).not.toMatch(/internal error/);
    expect(line).toContain(message);
    expect(line).toMatch(/free disk space or raise the file size limit/);
  });

  it('keeps a BatutaError as it is and calls anything else internal', () => {
    expect(describeError(new BatutaError('IO', 'index: "x" is read-only'))).toBe('index: "x" is read-only');
    expect(describeError(new Error('boom'))).toBe('internal error: boom');
  });
});
