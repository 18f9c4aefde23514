/**
 * Hub pages judged on what is left after the collection's repeated chrome, through the built CLI's
 * `--dry-run --json`: every page of a made-up reference carries the same navigation box of one-link lines
 * (as cppreference's wiki does), its member pages hold a line or two of text of their own and are kept,
 * and the index page that only lists the members stays out as a hub.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const TREE = resolve(import.meta.dirname, '../fixtures/hygiene/nav-box');
const home = tempDir('batuta-nav-box-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Plan {
  readonly files: Array<{ source: string }>;
  readonly skipped: Array<{ source: string; rule: string }>;
}

function plan(): Plan {
  const run = runBatuta(['index', TREE, '--dry-run', '--json'], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

describe('batuta index --dry-run: a navigation box on every page (built CLI)', () => {
  it('keeps the member pages and leaves out only the index page as a hub', () => {
    const p = plan();
    const members = ['cool', 'fire', 'hold', 'load', 'ramp', 'soak', 'stack', 'vent'];
    expect(p.files.map((file) => file.source)).toEqual([
      'firing.html',
      ...members.map((member) => `kiln/${member}.html`),
    ]);
    expect(p.skipped).toEqual([expect.objectContaining({ source: 'index.html', rule: 'hub' })]);
  });
});
