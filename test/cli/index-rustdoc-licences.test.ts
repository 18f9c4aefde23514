/**
 * A rustdoc tree as Debian 12's cargo-doc ships it (built CLI): rustdoc copied its copyright and the licences
 * of the fonts its pages use into the root, some gzipped. They are the tool's, not the crate's documentation.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan, kept, ruleOf } from './dry-run-plan.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/doc-builders/rustdoc');
const home = tempDir('batuta-rustdoc-licences-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'usr', 'share', 'doc', 'mycrate', 'doc');
cpSync(FIXTURES, folder, { recursive: true });

describe('a rustdoc tree with the licence files rustdoc copies (built CLI)', () => {
  it('keeps the item pages and leaves out the copyright and font licences by rule rustdoc', () => {
    const plan = dryRunPlan(home, folder);
    expect(kept(plan)).toEqual(['mycrate/index.html', 'mycrate/struct.Table.html']);
    expect(ruleOf(plan)).toMatchObject({
      'COPYRIGHT.txt': 'rustdoc',
      'FiraSans-LICENSE.txt': 'rustdoc',
      'LICENSE-MIT.txt.gz': 'rustdoc',
      'SourceSerif4-LICENSE.md': 'rustdoc',
    });
  });
});
