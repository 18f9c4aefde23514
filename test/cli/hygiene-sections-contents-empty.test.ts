/**
 * Hub and empty pages judged on a site's sections and on the page's own text, through the built CLI's
 * `--dry-run --json`: member pages under a navigation box their section repeats (on fewer than half of the
 * collection's pages) are kept while the section pages beside their folders stay hubs; a contents page
 * written by hand (a list of modules, a line on each) is a hub while a class page with a member table amid
 * its prose is kept; pages with no text beyond their title are left out as empty.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan, kept, ruleOf } from './dry-run-plan.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/hygiene');
const home = tempDir('batuta-sections-empty-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const plan = (tree: string, ...extra: string[]) => dryRunPlan(home, join(FIXTURES, tree), ...extra);

describe('batuta index --dry-run: section boxes, contents pages, empty pages (built CLI)', () => {
  it('member pages under their section box are kept; the section pages that list them stay hubs', () => {
    const p = plan('section-boxes');
    const clay = ['bisque', 'dry', 'join', 'reclaim', 'store', 'throw', 'trim', 'wedge'];
    const glaze = ['brush', 'dip', 'layer', 'mix', 'pour', 'sieve', 'spray', 'wax'];
    expect(kept(p)).toEqual([
      ...clay.map((member) => `clay/${member}.html`),
      ...glaze.map((member) => `glaze/${member}.html`),
      'index.html',
    ]);
    expect(ruleOf(p)).toEqual({ 'clay.html': 'hub', 'glaze.html': 'hub' });
  });

  it('a contents page of modules is a hub; a class page whose member table sits amid prose is kept', () => {
    const p = plan('contents-page');
    expect(kept(p)).toEqual(['Loom.html', 'lib-heddle.html', 'lib-loom.html', 'lib-shuttle.html']);
    expect(ruleOf(p)).toEqual({ 'modules.html': 'hub' });
    expect(p.skipped[0]?.reason).toMatch(/^a contents page of 22 links/);
  });

  it('pages with nothing but a title are left out as empty; a sentence, a code block or sections keep a page', () => {
    const p = plan('empty-pages');
    expect(kept(p)).toEqual(['gallery.html', 'listing.html', 'note.html']);
    expect(ruleOf(p)).toEqual({
      'WidgetFrame.html': 'empty',
      'demo/index.html': 'empty',
      'part2.html': 'empty',
    });
  });

  it('an include glob brings an empty page back', () => {
    const p = plan('empty-pages', '--include', 'WidgetFrame.html');
    expect(p.files).toEqual([
      expect.objectContaining({
        source: 'WidgetFrame.html',
        included: expect.objectContaining({ rules: ['empty'] }),
      }),
    ]);
  });
});
