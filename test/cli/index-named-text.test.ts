/**
 * Plain-text documents Debian ships without a document extension (built CLI): curl's `KNOWN_BUGS.gz` and `BUGS`
 * are read as text like `README` and `FAQ`; `THANKS` (a list of names) and `TODO` (one-line entries naming
 * planned features, as a change log names done ones) stay out by rule `type`. A README named after the file it
 * explains (`sync_hives.py.README`, as mutt's `mutt_oauth2.py.README`) is text too.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan, kept, ruleOf } from './dry-run-plan.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-named-text-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'usr', 'share', 'doc', 'kilnctl');
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'README'), 'kilnctl drives a kiln controller over its serial port.\n');
writeFileSync(
  join(folder, 'KNOWN_BUGS.gz'),
  gzipSync(
    'Known bugs\n\n1. The controller drops the hold segment when a schedule has more than nine ramps;\n' +
      '   split the schedule into two files until a fix is released.\n',
  ),
);
writeFileSync(join(folder, 'BUGS'), 'Report bugs with the controller model and the log of the firing.\n');
writeFileSync(join(folder, 'TODO'), 'Planned: a cone-based schedule editor.\n');
writeFileSync(join(folder, 'THANKS'), 'Ana, Bo, Chidi\n');
const db = join(home, 'index.db');

describe('extension-less text documents (built CLI)', () => {
  it('indexes KNOWN_BUGS and BUGS as text and leaves THANKS and TODO out', () => {
    const plan = dryRunPlan(home, folder);
    expect(kept(plan)).toEqual(['BUGS', 'KNOWN_BUGS.gz', 'README']);
    expect(ruleOf(plan)).toEqual({ THANKS: 'type', TODO: 'type' });
  });

  it('answers a question about a known bug from KNOWN_BUGS', () => {
    const run = runBatuta(['index', folder, '--db', db, '--no-dense'], home);
    expect(run.code, run.stderr).toBe(0);
    const search = searchCollection(db, 'kilnctl', 'hold segment dropped with many ramps', home);
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout).results[0]).toMatchObject({ source: 'KNOWN_BUGS.gz' });
  });
});

describe('a README named after the file it explains (built CLI)', () => {
  const examples = join(home, 'usr', 'share', 'doc', 'hivelog', 'examples');
  mkdirSync(examples, { recursive: true });
  writeFileSync(
    join(examples, 'sync_hives.py'),
    'import sys\n\n\ndef main():\n    print(sys.argv)\n\n\nmain()\n',
  );
  writeFileSync(
    join(examples, 'sync_hives.py.README'),
    'sync_hives.py copies the hive logs to a second machine.\n\nRegister the second machine first with ' +
      'hivelog remote add, then run the script from cron every night; it copies only the logs that changed.\n',
  );
  const readmeDb = join(home, 'readme.db');

  it('indexes NAME.README as text and answers from it', () => {
    expect(kept(dryRunPlan(home, examples))).toEqual(['sync_hives.py', 'sync_hives.py.README']);
    const run = runBatuta(['index', examples, '--db', readmeDb, '--no-dense'], home);
    expect(run.code, run.stderr).toBe(0);
    const search = searchCollection(
      readmeDb,
      'hivelog-examples',
      'copy the logs to another machine every night',
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout).results[0]).toMatchObject({ source: 'sync_hives.py.README' });
  });
});

describe('GNU notes for developers and users without an extension (built CLI)', () => {
  const notes = join(home, 'usr', 'share', 'doc', 'glazed');
  mkdirSync(notes, { recursive: true });
  writeFileSync(
    join(notes, 'HACKING.gz'),
    gzipSync(
      '# HACKING                                   -*- org -*-\n\n* How to contribute\n** Commit messages\n' +
        '   Start the summary line with the name of the module the patch touches, then a colon.\n',
    ),
  );
  writeFileSync(
    join(notes, 'DETAILS'),
    'Format of the glaze listing\n===========================\n\nOne glaze per line.\n',
  );
  writeFileSync(join(notes, 'AUTHORS'), 'Ana, Bo\n');
  const notesDb = join(home, 'notes.db');

  it('indexes HACKING and DETAILS as text, headed by their titles, and leaves AUTHORS out', () => {
    const plan = dryRunPlan(home, notes);
    expect(kept(plan)).toEqual(['DETAILS', 'HACKING.gz']);
    expect(ruleOf(plan)).toEqual({ AUTHORS: 'type' });
    const run = runBatuta(['index', notes, '--db', notesDb, '--no-dense'], home);
    expect(run.code, run.stderr).toBe(0);
    const search = searchCollection(notesDb, 'glazed', 'how do I write the summary line of a patch', home);
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout).results[0]).toMatchObject({
      source: 'HACKING.gz',
      heading: 'How to contribute > Commit messages',
    });
  });
});
