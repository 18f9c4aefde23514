import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/retrieval/documents/html.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/doc-builders');

/** man2html writes a manual page's sections as `<H2>`/`<H3>` and each command or option as a `<DT>` term. */
describe('htmlToText on a man2html page', () => {
  const lines = htmlToText(readFileSync(resolve(FIXTURES, 'man2html/kilnsh.html'), 'utf8'));

  it("each term of a section's definition list is a heading below the section; a nested list stays text", () => {
    expect(lines).toEqual([
      '# KILNSH',
      'Section: User Commands (1)',
      'Updated: 2024 March 3',
      '## NAME',
      'kilnsh - a command shell for electric kilns',
      '## OPTIONS',
      '### -c program',
      'Run the firing program given on the command line, then exit.',
      '### -q',
      'Print nothing but errors.',
      '## SHELL BUILTIN COMMANDS',
      'Every builtin below runs inside the shell itself, without starting a new process.',
      '### vent open|close',
      'Open or close the vent plug, which lets water vapour and burning organic matter out during the early part of a bisque firing. Leave the plug out until the kiln passes 700 degrees: below that, the clay still gives off steam, and carbon from paper, wax resist and the binders in commercial glazes burns away. Closing the vent too early traps that smoke in the chamber, where it can blacken the inside of a pot or leave pinholes in the glaze surface. Most small kilns have one plug in the lid and one in the wall; open both for a bisque firing and only the top one for a glaze firing. The command prints the state of each plug after it moves, and refuses to close a plug while a hold on a bisque schedule is still running, unless it is told to with the force option.',
      '### hold [minutes]',
      'Keep the kiln at its present temperature for minutes (ten when none is given); the controller logs the hold so that the firing record shows where the schedule paused and for how long.',
      '### ramp [-f] rate target',
      'Raise or lower the temperature by rate degrees an hour until it reaches target.',
      '-f',
      'Fast mode: ignore the slow ramp that protects green ware below 600 degrees.',
      "The return status is zero unless the target is above the kiln's rated maximum.",
      '## SEE ALSO',
      'kilnlog(1)',
    ]);
  });

  it('a definition list of another page stays text', () => {
    expect(htmlToText('<h2>Terms</h2><dl><dt>Bisque</dt><dd>The first firing.</dd></dl>')).toEqual([
      '## Terms',
      'Bisque',
      'The first firing.',
    ]);
  });
});
