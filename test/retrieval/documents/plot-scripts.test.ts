/**
 * The scripts matplotlib's plot directive copies into a built Sphinx site beside the figures it drew
 * (`plotting-1.py` beside `plotting-1.png`, `plotting-1.hires.png`, `plotting-1.pdf`) are the code their page
 * already shows above each figure: left out by the Sphinx rules. A script without such figures, and a script
 * beside a figure of its own name outside a Sphinx site, are kept.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { builderRule } from '../../../src/retrieval/documents/builders.js';
import { selectFiles } from '../../../src/retrieval/documents/selection.js';
import { tempDir } from '../../temp-dirs.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/doc-builders');
const home = tempDir('batuta-plot-scripts-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

const sphinx = join(home, 'site');
cpSync(join(FIXTURES, 'sphinx'), sphinx, { recursive: true });
writeFileSync(
  join(sphinx, 'charts.html'),
  '<html><body><h1>Charts</h1><p>Plot a firing curve with the kiln log.</p>' +
    '<pre>plt.plot(log.minutes, log.celsius)</pre><img src="charts-1.png"></body></html>',
);
writeFileSync(
  join(sphinx, 'charts-1.py'),
  'import matplotlib.pyplot as plt\nplt.plot(log.minutes, log.celsius)\n',
);
for (const image of ['charts-1.png', 'charts-1.hires.png']) writeFileSync(join(sphinx, image), PNG);
writeFileSync(join(sphinx, 'charts-1.pdf.gz'), gzipSync(Buffer.from('%PDF-1.4\n')));
mkdirSync(join(sphinx, 'plots'));
writeFileSync(join(sphinx, 'plots', 'ramps.py'), 'fig, axes = plt.subplots(2)\n');
writeFileSync(join(sphinx, 'plots', 'ramps_00_01.png'), PNG);
writeFileSync(join(sphinx, 'plots', 'ramp_rates.py'), 'print("no figure of this name")\n');
writeFileSync(join(sphinx, 'cone-table.py'), 'CONES = {"06": 999}\n');

const plain = join(home, 'project');
mkdirSync(plain);
writeFileSync(join(plain, 'fit.py'), 'import numpy as np\nnp.polyfit([1, 2], [3, 4], 1)\n');
writeFileSync(join(plain, 'fit.png'), PNG);

describe('plot directive scripts in a Sphinx site', () => {
  it('leaves out a script beside the figures it drew, keeps other scripts and the page', () => {
    const selection = selectFiles(sphinx);
    const files = selection.files.map((file) => file.source);
    expect(files).toEqual(expect.arrayContaining(['charts.html', 'cone-table.py', 'plots/ramp_rates.py']));
    const skipped = Object.fromEntries(selection.skipped.map((skip) => [skip.source, skip]));
    expect(skipped['charts-1.py']).toMatchObject({ rule: 'sphinx' });
    expect(skipped['charts-1.py']?.reason).toMatch(/plot script/);
    expect(skipped['plots/ramps.py']).toMatchObject({ rule: 'sphinx' });
  });

  it('keeps a script beside a figure of its name outside a Sphinx site', () => {
    expect(selectFiles(plain).files.map((file) => file.source)).toEqual(['fit.py']);
  });

  it('judges a script by the names beside it', () => {
    const rule = (name: string, siblings: string[]) =>
      builderRule(
        'sphinx',
        name,
        () => '',
        () => new Set(siblings),
      );
    const plot = 'sphinx: plot script (matplotlib plot directive)';
    expect(rule('a-1.py', ['a-1.py', 'a-1.png'])).toBe(plot);
    expect(rule('a-1.py', ['a-1.py', 'a-1_02.hires.png'])).toBe(plot);
    expect(rule('graph_2.py', ['graph_2.py', 'graph_2.svg'])).toBe(plot);
    expect(rule('graph.py', ['graph.py', 'graph_2.png.txt', 'graphs.png', 'graph-2.png'])).toBeNull();
    expect(rule('a-1.html', ['a-1.html', 'a-1.png'])).toBeNull();
  });
});
