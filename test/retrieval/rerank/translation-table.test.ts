import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidDataError } from '../../../src/errors.js';
import type { FileStamps } from '../../../src/retrieval/dense/file-stamps.js';
import { readManifest } from '../../../src/retrieval/dense/model-files.js';
import {
  encodeTranslationTable,
  openTranslationTable,
  TRANSLATION_FILE,
  type TranslationRows,
  translationTableOf,
} from '../../../src/retrieval/rerank/translation-table.js';
import { packageFiles } from '../../../src/retrieval/train/package-models.js';
import { tempDir } from '../../temp-dirs.js';
import { thrown } from '../../thrown.js';

const REBUILD = 'run npm run train:models';
const ROWS: TranslationRows = new Map([
  [
    'quick',
    [
      ['quick', 0.5],
      ['fast', 0.25],
      ['rapid', 0.125],
    ],
  ],
  [
    'size',
    [
      ['size', 0.75],
      ['byte', 0.0625],
    ],
  ],
  ['größe', [['größe', 1]]],
  ['x'.repeat(40), [['y', 1]]],
]);

function memoryStamps(): FileStamps {
  const kept = new Map<string, string>();
  return { read: (path) => kept.get(path) ?? null, write: (path, stamp) => void kept.set(path, stamp) };
}

describe('translation table file', () => {
  const shipped = (bytes: Buffer) => {
    const dir = tempDir('translation');
    packageFiles(dir, { [TRANSLATION_FILE]: bytes }, 'reranker', {});
    return dir;
  };

  it('reads back the rows asked for, and only those', () => {
    const table = translationTableOf(encodeTranslationTable(ROWS), 'mem', REBUILD);
    const rows = table.rowsOf(['size', 'quick', 'absent', 'größe', 'size']);
    expect([...rows.keys()].sort()).toEqual(['größe', 'quick', 'size']);
    expect(rows.get('quick')).toEqual(ROWS.get('quick'));
    expect(rows.get('size')).toEqual(ROWS.get('size'));
    // A stem longer than the 32-byte key is left out of the file.
    expect(table.rowsOf(['x'.repeat(40)]).size).toBe(0);
    expect(translationTableOf(encodeTranslationTable(new Map()), 'mem', REBUILD).rowsOf(['quick']).size).toBe(
      0,
    );
  });

  it('reads rows from the file a row at a time once it was verified', () => {
    const dir = shipped(encodeTranslationTable(ROWS));
    const stamps = memoryStamps();
    const first = openTranslationTable(dir, readManifest(dir, REBUILD), REBUILD, stamps);
    expect(first.rowsOf(['quick']).get('quick')).toEqual(ROWS.get('quick'));
    const again = openTranslationTable(dir, readManifest(dir, REBUILD), REBUILD, stamps);
    expect(again.rowsOf(['size', 'quick']).get('size')).toEqual(ROWS.get('size'));
  });

  it('refuses a missing, truncated or damaged file with the file and the command that rebuilds it', () => {
    const bytes = encodeTranslationTable(ROWS);
    const dir = shipped(bytes);
    const path = join(dir, TRANSLATION_FILE);
    writeFileSync(path, bytes.subarray(0, bytes.length - 7));
    const truncated = openTranslationTable(dir, readManifest(dir, REBUILD), REBUILD, memoryStamps());
    const error = thrown(InvalidDataError, () => truncated.rowsOf(['quick']));
    expect(error.message).toContain(TRANSLATION_FILE);
    expect(error.message).toContain('npm run train:models');
    rmSync(path);
    const missing = openTranslationTable(dir, readManifest(dir, REBUILD), REBUILD);
    expect(thrown(InvalidDataError, () => missing.rowsOf(['quick'])).message).toContain(TRANSLATION_FILE);
    const unlisted = tempDir('translation');
    writeFileSync(join(unlisted, 'manifest.json'), '{"files":{}}\n');
    expect(
      thrown(InvalidDataError, () => openTranslationTable(unlisted, readManifest(unlisted, REBUILD), REBUILD))
        .message,
    ).toContain(TRANSLATION_FILE);
  });

  it('refuses bytes that are not a whole table', () => {
    const bytes = encodeTranslationTable(ROWS);
    const cut = translationTableOf(bytes.subarray(0, bytes.length - 3), 'mem', REBUILD);
    expect(thrown(InvalidDataError, () => cut.rowsOf(['size', 'quick', 'größe'])).message).toContain(
      'npm run train:models',
    );
    const noIndex = translationTableOf(bytes.subarray(0, 40), 'mem', REBUILD);
    expect(thrown(InvalidDataError, () => noIndex.rowsOf(['quick'])).message).toContain('truncated');
    const foreign = Buffer.from(bytes);
    foreign.write('JUNK', 0, 'latin1');
    expect(
      thrown(InvalidDataError, () => translationTableOf(foreign, 'mem', REBUILD).rowsOf(['quick'])),
    ).toBeInstanceOf(InvalidDataError);
    const bad = Buffer.from(readFileSync(join(shipped(bytes), TRANSLATION_FILE)));
    bad.writeFloatLE(7, bad.length - 4);
    expect(
      thrown(InvalidDataError, () =>
        translationTableOf(bad, 'mem', REBUILD).rowsOf(['größe', 'quick', 'size']),
      ),
    ).toBeInstanceOf(InvalidDataError);
  });
});
