/**
 * `batuta index` on an embedded index removes the files of collections the database no longer holds (here:
 * `collections remove` that died after its database commit, before removing the files) once nothing in
 * them changed for an hour; files of live collections, recent orphans and another database's files stay.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-orphans');
const data = join(home, 'data');
const db = join(data, 'index.db');

function ageTree(path: string, hours: number): void {
  const when = Date.now() / 1000 - hours * 3600;
  utimesSync(path, when, when);
  try {
    for (const entry of readdirSync(path)) ageTree(join(path, entry), hours);
  } catch {
    // A file.
  }
}

function folder(name: string, topics: string[]): string {
  const path = join(home, name);
  mkdirSync(path);
  for (const topic of topics)
    writeFileSync(
      join(path, `${topic}.md`),
      `# ${topic}\n\nHow to clean ${topic} without scratching them.\n`,
    );
  return path;
}

const filesOf = (name: string) => readdirSync(data).filter((entry) => entry.startsWith(`index.db.${name}.`));

describe('index: files of collections the database no longer holds', { timeout: 180_000 }, () => {
  it('are removed after an hour untouched; live, recent and foreign files stay', () => {
    const kitchen = folder('kitchen', ['kettles', 'teapots']);
    const garden = folder('garden', ['spades', 'rakes']);
    const shed = folder('shed', ['saws', 'drills']);
    for (const [path, name] of [
      [kitchen, 'kitchen'],
      [garden, 'garden'],
      [shed, 'shed'],
    ] as const)
      expect(runBatuta(['index', path, '--db', db, '--name', name], home).code).toBe(0);
    const aside = join(home, 'aside');
    mkdirSync(aside);
    const crashed = (name: string) => {
      const files = filesOf(name);
      expect(files.length).toBeGreaterThan(1);
      for (const entry of files) cpSync(join(data, entry), join(aside, entry), { recursive: true });
      expect(runBatuta(['collections', 'remove', name, '--db', db], home).code).toBe(0);
      for (const entry of files) cpSync(join(aside, entry), join(data, entry), { recursive: true });
      return files;
    };
    const old = crashed('garden');
    const recent = crashed('shed');
    const foreign = join(data, 'index.db.team.garden.model');
    writeFileSync(join(data, 'index.db.team'), '');
    mkdirSync(foreign);
    for (const entry of readdirSync(data))
      if (!entry.startsWith('index.db.shed.')) ageTree(join(data, entry), 2);

    const run = runBatuta(['index', kitchen, '--db', db, '--name', 'kitchen', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    expect(old.filter((entry) => existsSync(join(data, entry)))).toEqual([]);
    expect(filesOf('shed')).toEqual(recent);
    expect(filesOf('kitchen').length).toBeGreaterThan(1);
    expect(existsSync(foreign)).toBe(true);
    const search = runBatuta(
      ['oracle', '--rag', '--json', 'cleaning a teapot', '--collection', 'kitchen', '--db', db],
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    expect(search.stderr).toBe('');
    expect(JSON.parse(search.stdout).results[0].source).toBe('teapots.md');
  });
});
