/**
 * Prepared statements of one connection, each prepared on first use and reused: searches and writes run
 * the same few statements over and over, and preparing costs more than running a small one.
 */
import type Database from 'better-sqlite3';

/** Looks up (preparing once) the statement for an SQL text. */
export type Prepare = (sql: string) => Database.Statement;

/** The statement cache of a connection. */
export function statementCache(db: Database.Database): Prepare {
  const prepared = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = prepared.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
}
