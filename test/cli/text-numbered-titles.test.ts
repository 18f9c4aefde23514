/**
 * A plain-text FAQ that numbers its sections in two levels (`2. Glazes`, `2.3 Why does my glaze crawl?`, as
 * curl's FAQ and sed's FAQ in Debian 12) through the built CLI: results are headed by those titles, not left
 * without a heading; its table of contents and a numbered list inside an answer are no titles.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { CRAWL_LINE, KILN_FAQ } from './kiln-faq.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-numbered-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'kiln-faq');
mkdirSync(folder);
writeFileSync(join(folder, 'FAQ'), KILN_FAQ);
const db = join(home, 'index.db');

describe('numbered titles of a plain-text FAQ (built CLI)', () => {
  it('head the results that come from their sections', () => {
    const run = runBatuta(['index', folder, '--db', db, '--no-dense', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const crawl = searchCollection(db, 'kiln-faq', 'grease on the bisque glaze pulls back into beads', home);
    expect(crawl.code, crawl.stderr).toBe(0);
    expect(JSON.parse(crawl.stdout).results[0]).toMatchObject({
      source: 'FAQ',
      heading: '2. Glazes > 2.3 Why does my glaze crawl?',
      lines: [CRAWL_LINE, CRAWL_LINE],
    });
    const steam = searchCollection(db, 'kiln-faq', 'hold until the pots stop steaming', home);
    expect(JSON.parse(steam.stdout).results[0]).toMatchObject({
      heading: '1. Firing > 1.1 How long does a bisque firing take?',
      lines: [15, 19],
    });
  });
});
