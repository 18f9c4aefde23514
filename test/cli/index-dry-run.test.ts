/**
 * The dry-run plan in process: sizes on disk and as read agree for plain files, differ for a gzipped
 * document by exactly its inflated length, and the summary line names both only when they differ.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dryRun, formatBytes } from '../../src/cli/index-dry-run.js';
import type { CliIo } from '../../src/cli/io.js';
import { tempDir } from '../temp-dirs.js';

function capture(): { io: CliIo; out: () => string } {
  let out = '';
  const io: CliIo = { stdout: (text) => (out += text), stderr: () => {}, env: {}, cwd: '/' };
  return { io, out: () => out };
}

const GUIDE = `# Steeping\n\n${'Warm the pot before the leaves go in, then start the timer. '.repeat(200)}\n`;

describe('dryRun sizes', () => {
  it('a folder without gzipped files has one size, on disk and as read', () => {
    const root = tempDir('dry-plain');
    writeFileSync(join(root, 'guide.md'), GUIDE);
    const { io, out } = capture();
    expect(dryRun([root], ['plain'], {}, true, io)).toBe(0);
    const plan = JSON.parse(out()).collections[0];
    expect(plan.files).toEqual([
      { source: 'guide.md', kind: 'markdown', contentSize: GUIDE.length, diskSize: GUIDE.length },
    ]);
    expect(plan.summary).toMatchObject({ diskBytes: GUIDE.length, contentBytes: GUIDE.length });
    const words = capture();
    dryRun([root], ['plain'], {}, false, words.io);
    expect(words.out()).toContain(`plain: would index 1 files (${formatBytes(GUIDE.length)}); left out 0\n`);
  });

  it('a gzipped document counts its inflated length as read, its file length on disk', () => {
    const root = tempDir('dry-gzip');
    mkdirSync(join(root, 'guide'));
    writeFileSync(join(root, 'guide', 'steeping.md.gz'), gzipSync(GUIDE));
    const packed = readFileSync(join(root, 'guide', 'steeping.md.gz')).length;
    const { io, out } = capture();
    dryRun([root], ['packed'], {}, true, io);
    const plan = JSON.parse(out()).collections[0];
    expect(plan.files[0]).toMatchObject({ diskSize: packed, contentSize: GUIDE.length });
    expect(plan.summary).toMatchObject({ diskBytes: packed, contentBytes: GUIDE.length });
    const words = capture();
    dryRun([root], ['packed'], {}, false, words.io);
    expect(words.out()).toContain(
      `packed: would index 1 files (${formatBytes(GUIDE.length)} once inflated, ${packed} B on disk)`,
    );
  });
});
