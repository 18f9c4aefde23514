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
import { dryRunPlan, kept } from './dry-run-plan.js';

const TREE = resolve(import.meta.dirname, '../fixtures/hygiene/nav-box');
const home = tempDir('batuta-nav-box-');
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('batuta index --dry-run: a navigation box on every page (built CLI)', () => {
  it('keeps the member pages and leaves out only the index page as a hub', () => {
    const p = dryRunPlan(home, TREE);
    const members = ['cool', 'fire', 'hold', 'load', 'ramp', 'soak', 'stack', 'vent'];
    expect(kept(p)).toEqual(['firing.html', ...members.map((member) => `kiln/${member}.html`)]);
    expect(p.skipped).toEqual([expect.objectContaining({ source: 'index.html', rule: 'hub' })]);
  });
});
