/**
 * Bringing back one file a rule left out beside everything else (built CLI), as the README shows it: an
 * `--include` glob alone keeps only what it matches, and `--include '**'` beside it keeps the rest of the
 * default selection (a glob as broad as `**` picks out nothing a rule left out).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan, kept, ruleOf } from './dry-run-plan.js';

const home = tempDir('batuta-include-add-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'kilnctl');
mkdirSync(folder);
writeFileSync(join(folder, 'README'), 'kilnctl drives a kiln controller over its serial port.\n');
writeFileSync(join(folder, 'PROTOCOL'), 'Each command is one line; the controller answers OK or ERR.\n');
writeFileSync(join(folder, 'TODO'), 'Planned: a cone-based schedule editor.\n');

describe('--include beside the default selection (built CLI)', () => {
  it('keeps only the matching file with the glob alone', () => {
    expect(kept(dryRunPlan(home, folder, '--include', 'PROTOCOL'))).toEqual(['PROTOCOL']);
  });

  it("adds it to the rest with --include '**'", () => {
    const plan = dryRunPlan(home, folder, '--include', '**', '--include', 'PROTOCOL');
    expect(kept(plan)).toEqual(['PROTOCOL', 'README']);
    expect(ruleOf(plan)).toEqual({ TODO: 'type' });
  });
});
