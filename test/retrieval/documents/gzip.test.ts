/**
 * Gzipped documents (`NAME.EXT.gz` read as EXT): the kind from the inner name, inflating with a hard limit,
 * damaged data and bombs as skips with a reason, the selection's rules and copies, and reading back.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { documentText } from '../../../src/retrieval/documents/document-text.js';
import { fingerprint, kindOf, readDocument } from '../../../src/retrieval/documents/files.js';
import { inflate, withoutGzip } from '../../../src/retrieval/documents/gzip.js';
import { countByRule, selectFiles } from '../../../src/retrieval/documents/selection.js';
import { readDocumentFile } from '../../../src/retrieval/search/source.js';
import { tempDir } from '../../temp-dirs.js';
import {
  BOMB_BYTES,
  CONFIGURATION_MD,
  corruptGzip,
  KEPT,
  LEFT_OUT,
  LEFT_OUT_COUNTS,
  truncatedGzip,
  writeGzipTree,
} from './gzip-tree.js';

describe('gzipped file names', () => {
  it('reads NAME.EXT.gz as a document of type EXT, a README or FAQ as text, never an archive or another name', () => {
    expect(kindOf('topics/configuration.md.gz')).toBe('markdown');
    expect(kindOf('guide/user_guide.RST.GZ')).toBe('rst');
    expect(kindOf('_sources/index.rst.txt.gz')).toBe('rst');
    expect(kindOf('notes/install.txt.gz')).toBe('text');
    expect(kindOf('pages/brew.html.gz')).toBe('html');
    expect(kindOf('conf.py.gz')).toBe('code');
    // curl's KNOWN_BUGS.gz and BUGS are documents as much as its FAQ; TODO, one-line entries, is not
    for (const name of [
      'README',
      'README.Debian.gz',
      'doc/FAQ',
      'INSTALL.gz',
      'README.source',
      'KNOWN_BUGS.gz',
      'BUGS',
      // a README named after the file it explains: mutt's examples/mutt_oauth2.py.README, nettle's descore.README.gz
      'examples/mutt_oauth2.py.README',
      'descore.README.gz',
      // the GNU names of notes for developers and users: GnuPG's HACKING.gz and DETAILS.gz, groff's PROBLEMS,
      // binutils' PORTING, OpenSSH's OVERVIEW, bash's INTRO
      'HACKING.gz',
      'DETAILS.gz',
      'PROBLEMS',
      'bfd/PORTING.gz',
      'OVERVIEW.gz',
      'INTRO',
    ])
      expect(kindOf(name), name).toBe('text');
    for (const name of [
      'dist/brewctl-1.0.tar.gz',
      'x.tgz',
      'api/fs.json.gz',
      'changelog.gz',
      'a.deb',
      'x.gz',
      'copyright',
      'THANKS.gz',
      'TODO.gz',
      'README.png',
      'po/LINGUAS',
      'AUTHORS',
    ])
      expect(kindOf(name), name).toBeNull();
    expect(withoutGzip('api/fs.md.gz')).toBe('api/fs.md');
    expect(withoutGzip('api/fs.md')).toBe('api/fs.md');
  });
});

describe('inflate', () => {
  it('gives the text of gzip data within the limit', () => {
    const inflated = inflate(gzipSync(CONFIGURATION_MD), 1024 * 1024);
    expect('bytes' in inflated && inflated.bytes.toString('utf8')).toBe(CONFIGURATION_MD);
  });

  it('skips damaged data with the reason: truncated, overwritten, not gzip at all', () => {
    for (const bytes of [
      truncatedGzip(CONFIGURATION_MD.repeat(20)),
      corruptGzip(CONFIGURATION_MD.repeat(20)),
      Buffer.from(CONFIGURATION_MD),
    ]) {
      const inflated = inflate(bytes, 1024 * 1024);
      expect(inflated).toMatchObject({
        rule: 'damaged',
        reason: expect.stringMatching(/^damaged gzip data \(/),
      });
    }
  });

  it('stops a bomb at the limit: more than the limit is a skip naming the limit', () => {
    const bomb = gzipSync(Buffer.alloc(BOMB_BYTES, 'brew the tea\n'));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(inflate(bomb, 4 * 1024 * 1024)).toEqual({
      rule: 'too-large',
      reason: 'inflates to more than 4 MB (a gzip bomb, or a document to split)',
    });
    expect('bytes' in inflate(bomb, BOMB_BYTES)).toBe(true);
  });

  it('never inflates a bomb much past the limit: a 2 GB bomb leaves the peak memory of the process far below', () => {
    // 200 gzip members of 10 MB each: 2 GB of text in about 2 MB. Inflating it whole would hold 2 GB.
    const member = gzipSync(Buffer.alloc(10 * 1024 * 1024, 'a'), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 200 }, () => member));
    const before = process.resourceUsage().maxRSS;
    expect(inflate(bomb, 4 * 1024 * 1024)).toMatchObject({ rule: 'too-large' });
    const grownMb = (process.resourceUsage().maxRSS - before) / 1024;
    expect(grownMb).toBeLessThan(256);
  });
});

describe('readDocument and reading back a gzipped document', () => {
  const root = writeGzipTree(tempDir('batuta-gzip-read'));
  const file = (source: string) => {
    const path = join(root, source);
    const stats = statSync(path);
    return { source, path, size: stats.size, mtime: stats.mtimeMs, kind: kindOf(source)! };
  };

  it('reads the inflated text; its fingerprint is of the text, so recompressing the same text keeps it', () => {
    const read = readDocument(file('topics/configuration.md.gz'));
    expect(read).toEqual({ text: CONFIGURATION_MD, hash: fingerprint(Buffer.from(CONFIGURATION_MD)) });
    writeFileSync(join(root, 'topics/configuration.md.gz'), gzipSync(CONFIGURATION_MD, { level: 1 }));
    expect(readDocument(file('topics/configuration.md.gz'))).toEqual(read);
  });

  it('skips a bomb, damaged data and a gzipped archive with the reason', () => {
    expect(readDocument(file('bomb.md.gz'))).toEqual({
      skipped: 'inflates to more than 4 MB (a gzip bomb, or a document to split)',
    });
    expect(readDocument(file('bomb.md.gz'), 16 * 1024 * 1024)).toHaveProperty('text');
    expect(readDocument(file('broken.md.gz'))).toEqual({ skipped: expect.stringMatching(/^damaged gzip/) });
    expect(readDocument(file('packed.txt.gz'))).toEqual({ skipped: 'binary content' });
  });

  it('reads back the inflated text, saying the file, its media type and that it is gzipped', async () => {
    const markdown = await readDocumentFile(root, 'tea', 'topics/configuration.md.gz');
    expect(markdown).toEqual({
      text: CONFIGURATION_MD,
      mimeType: 'text/markdown',
      file: join(root, 'topics/configuration.md.gz'),
      fileMimeType: 'text/markdown',
      fileEncoding: 'gzip',
    });
    const page = await readDocumentFile(root, 'tea', 'pages/brew.html.gz');
    expect(page).toMatchObject({ mimeType: 'text/plain', fileMimeType: 'text/html', fileEncoding: 'gzip' });
    expect(page.text.split('\n').slice(0, 2)).toEqual([
      '# Brewing schedules',
      'A cold brew sits in the fridge for twelve hours; strain the leaves before serving.',
    ]);
    expect(documentText('cli/run.md', '/x/cli/run.md', '# run\n')).not.toHaveProperty('fileEncoding');
  });

  it('a file damaged after indexing is a one-line error naming the fix, not a crash', async () => {
    writeFileSync(join(root, 'notes/install.txt.gz'), readFileSync(join(root, 'broken.md.gz')));
    await expect(readDocumentFile(root, 'tea', 'notes/install.txt.gz')).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_DATA',
        message: expect.stringMatching(/damaged gzip.*batuta index/),
      }),
    );
  });
});

describe('selectFiles over gzipped documents', () => {
  it('keeps gzipped pages; leaves out bombs, damaged data, archives, change logs and copies by rule', () => {
    const root = writeGzipTree(tempDir('batuta-gzip-select'));
    const selection = selectFiles(root);
    expect(selection.files.map((file) => file.source)).toEqual(KEPT);
    expect(Object.fromEntries(selection.skipped.map((skip) => [skip.source, skip.rule]))).toEqual(LEFT_OUT);
    const reasons = Object.fromEntries(selection.skipped.map((skip) => [skip.source, skip.reason]));
    expect(reasons['api/fs.md.gz']).toBe('source of api/fs.html');
    expect(reasons['cli/run.md.gz']).toBe('same content as cli/run.md');
    expect(reasons['bomb.md.gz']).toBe('inflates to more than 4 MB (a gzip bomb, or a document to split)');
    expect(reasons['changelog.Debian.gz']).toMatch(/^change log/);
    expect(countByRule(selection.skipped)).toEqual(LEFT_OUT_COUNTS);
    const config = selection.files.find((file) => file.source === 'topics/configuration.md.gz')!;
    expect(config).toMatchObject({
      kind: 'markdown',
      inflated: { size: CONFIGURATION_MD.length, hash: fingerprint(Buffer.from(CONFIGURATION_MD)) },
    });
  });

  it('a gzipped page nearly the same as the uncompressed one is left out; a different text is kept', () => {
    const root = tempDir('batuta-gzip-near');
    const words = Array.from({ length: 120 }, (_, i) => `leaf${i % 37} steeps ${i}`).join(' ');
    writeFileSync(join(root, 'steep.md'), `# Steeping\n\n${words}\n`);
    writeFileSync(join(root, 'steep.md.gz'), gzipSync(`# Steeping\n\n${words} and then pour.\n`));
    writeFileSync(join(root, 'pour.md'), '# Pouring\n\nPour slowly.\n');
    writeFileSync(join(root, 'pour.md.gz'), gzipSync('# Pouring\n\nA different page about pouring.\n'));
    const selection = selectFiles(root);
    expect(selection.files.map((file) => file.source)).toEqual(['pour.md', 'pour.md.gz', 'steep.md']);
    expect(selection.skipped).toEqual([
      { source: 'steep.md.gz', rule: 'duplicate', reason: 'nearly the same text as steep.md' },
    ]);
  });
});
