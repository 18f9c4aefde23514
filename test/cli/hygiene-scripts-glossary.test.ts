/**
 * Builder output found in folders no earlier rule covered, through the built CLI's `--dry-run --json`: site
 * scripts that several pages load, a script a compiler wrote, ocamldoc's indexes and signature pages, a
 * glossary whose entries link to other sites (its own text, so not a hub page), and AsciiDoc's include
 * fragments (the page that shows them is kept, not taken for their compilation).
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan, kept, ruleOf } from './dry-run-plan.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/hygiene');
const home = tempDir('batuta-scripts-glossary-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const plan = (tree: string, ...extra: string[]) => dryRunPlan(home, join(FIXTURES, tree), ...extra);

describe('batuta index --dry-run: site scripts, generated scripts, ocamldoc, glossaries (built CLI)', () => {
  it('scripts that several pages load are left out; an example script one page loads and a tool script are kept', () => {
    const p = plan('site-scripts');
    expect(ruleOf(p)).toEqual({
      'examples/cubes/cubes.js': 'generated-code',
      'js/typeahead.bundle.js': 'site-script',
      'resources/script.js': 'site-script',
    });
    expect(kept(p)).toEqual([
      'examples/cubes/index.html',
      'examples/demo/demo.js',
      'examples/demo/index.html',
      'guide/schedules.html',
      'index.html',
      'install.html',
      'tools/check-links.js',
    ]);
    const script = p.skipped.find((skip) => skip.source === 'resources/script.js');
    expect(script?.reason).toMatch(/\b3 pages\b/);
  });

  it('an --include glob naming a site script brings it back', () => {
    const p = plan('site-scripts', '--include', '**/*.html', '--include', 'resources/script.js');
    expect(p.files.filter((file) => file.included !== undefined)).toEqual([
      expect.objectContaining({
        source: 'resources/script.js',
        included: expect.objectContaining({ rules: ['site-script'] }),
      }),
    ]);
    expect(ruleOf(p)['js/typeahead.bundle.js']).toBe('include');
  });

  it('ocamldoc: the module page kept; the indexes and the signature-only page left out by rule ocamldoc', () => {
    const p = plan('ocamldoc');
    expect(kept(p)).toEqual(['Kiln.html', 'index.html']);
    expect(ruleOf(p)).toEqual({
      'index_modules.html': 'ocamldoc',
      'index_types.html': 'ocamldoc',
      'index_values.html': 'ocamldoc',
      'style.css': 'type',
      'type_Kiln.html': 'ocamldoc',
    });
  });

  it("a glossary whose entries link to other sites is kept; a list of links to the folder's pages is still a hub", () => {
    const p = plan('glossary');
    expect(kept(p)).toEqual(['acronyms.html', 'firing.html']);
    expect(ruleOf(p)).toEqual({ 'sitemap.html': 'hub' });
  });

  it('AsciiDoc include fragments are left out and the page that shows them kept; a text with its own subject stays', () => {
    const p = plan('asciidoc-fragments');
    expect(kept(p)).toEqual(['git-log.html', 'rerere.txt']);
    expect(ruleOf(p)).toEqual({
      'diff-options.txt': 'fragment',
      'git-log.txt': 'duplicate',
      'pretty-options.txt': 'fragment',
      'rev-list-options.txt': 'fragment',
    });
    expect(p.skipped.find((skip) => skip.source === 'diff-options.txt')?.reason).toMatch(/git-log\.html/);
  });

  it("odoc: the library's pages kept; the package list (rule odoc) and an alias module's empty page (rule empty) left out", () => {
    const p = plan('odoc');
    expect(kept(p)).toEqual(['loom/Loom/index.html', 'loom/index.html']);
    expect(ruleOf(p)).toEqual({
      'index.html': 'odoc',
      'loom/Loom__Shuttle/index.html': 'empty',
      'odoc.css': 'type',
    });
  });
});
