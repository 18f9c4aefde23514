import { describe, expect, it } from 'vitest';
import { resolveDbLocation, sqlitePathOf } from '../../src/cli/db-location.js';
import { BatutaError } from '../../src/index.js';

const env = { HOME: '/home/me' };

function failure(fn: () => unknown): BatutaError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BatutaError) return error;
    throw error;
  }
  throw new Error('expected a BatutaError');
}

describe('resolveDbLocation', () => {
  it('resolves paths against the current folder and defaults to the user cache', () => {
    expect(resolveDbLocation({ db: 'x.db' }, env, '/work')).toEqual({ kind: 'sqlite', path: '/work/x.db' });
    expect(resolveDbLocation({}, { ...env, BATUTA_DB: 'y.db' }, '/w')).toEqual({
      kind: 'sqlite',
      path: '/w/y.db',
    });
    expect(resolveDbLocation({}, env, '/w')).toEqual({
      kind: 'sqlite',
      path: '/home/me/.cache/batuta/index.db',
    });
    expect(resolveDbLocation({}, { XDG_CACHE_HOME: '/c' }, '/w')).toEqual({
      kind: 'sqlite',
      path: '/c/batuta/index.db',
    });
  });

  it('selects PostgreSQL for postgres:// and postgresql:// URLs, with an optional replica', () => {
    expect(resolveDbLocation({ db: 'postgres://u:secret@db.local:5433/idx' }, env, '/w')).toEqual({
      kind: 'postgres',
      url: 'postgres://u:secret@db.local:5433/idx',
      readUrl: null,
    });
    expect(
      resolveDbLocation({ db: 'PostgreSQL://u@h/idx', dbRead: 'postgres://u@replica/idx' }, env, '/w'),
    ).toEqual({ kind: 'postgres', url: 'PostgreSQL://u@h/idx', readUrl: 'postgres://u@replica/idx' });
    expect(resolveDbLocation({}, { BATUTA_DB: 'postgresql://h/idx' }, '/w').kind).toBe('postgres');
    expect(resolveDbLocation({ db: 'postgres:///idx?host=/run/postgresql' }, env, '/w').kind).toBe(
      'postgres',
    );
  });

  it('refuses other schemes, malformed URLs and a replica without a PostgreSQL primary, never echoing a password', () => {
    const cases: Array<[Parameters<typeof resolveDbLocation>[0], RegExp]> = [
      [{ db: 'mysql://u:secret@h/db' }, /^--db: "mysql:\/\/" is not a database/],
      [{ db: 'postgres://u:secret@[bad/db' }, /^--db: the postgres:\/\/ URL cannot be parsed/],
      [{ db: 'postgres:///db' }, /^--db: the postgres:\/\/ URL names no host/],
      [
        { db: 'x.db', dbRead: 'postgres://u:secret@r/db' },
        /^--db-read: a read replica needs a PostgreSQL index/,
      ],
      [
        { db: 'postgres://h/db', dbRead: 'file:///secret' },
        /^--db-read: "file:\/\/" is not a PostgreSQL URL/,
      ],
      [{ db: 'postgres://h/db', dbRead: 'replica.db' }, /^--db-read: a file path is not a PostgreSQL URL/],
    ];
    for (const [flags, message] of cases) {
      const error = failure(() => resolveDbLocation(flags, env, '/w'));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('secret');
    }
    expect(failure(() => resolveDbLocation({}, { BATUTA_DB: 'redis://h' }, '/w')).message).toMatch(
      /^BATUTA_DB:/,
    );
  });

  it('sqlitePathOf refuses a PostgreSQL location the commands cannot serve yet', () => {
    expect(sqlitePathOf({ kind: 'sqlite', path: '/a.db' })).toBe('/a.db');
    expect(failure(() => sqlitePathOf({ kind: 'postgres', url: 'postgres://h/d', readUrl: null })).code).toBe(
      'INVALID_INPUT',
    );
  });
});
