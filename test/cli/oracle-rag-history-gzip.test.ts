/**
 * Release history that the search did not know (built CLI): a gzipped changelog page (`changelog.html.gz`, as
 * Debian ships an MkDocs site's) whose releases are its top-level headings, and a docutils-style history page
 * whose title and releases are all <h1>. Both come after the page that explains the feature for an ordinary
 * question (they came first when the `.gz` hid the name and top-level versions were read as titles).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-rag-history-gzip-');
const db = join(home, 'index.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`;

beforeAll(() => {
  const docs = join(home, 'glazebook');
  mkdirSync(join(docs, 'site'), { recursive: true });
  writeFileSync(
    join(docs, 'site', 'firing.html'),
    page(
      'Firing',
      '<h1>Firing schedules</h1><p>A firing schedule lists the ramps of a kiln run. Save a schedule with ' +
        'glaze save NAME and run it again later with glaze fire NAME.</p>',
    ),
  );
  writeFileSync(
    join(docs, 'site', 'changelog.html.gz'),
    gzipSync(
      page(
        'Changelog',
        '<h2>2.4.0</h2><p>glaze save stores a firing schedule under a name; glaze fire runs a saved schedule.</p>' +
          '<h2>2.3.1</h2><p>Firing schedule ramps keep their order when a schedule is saved.</p>',
      ),
    ),
  );
  writeFileSync(
    join(docs, 'HISTORY.html'),
    page(
      'Glaze History',
      '<h1 class="title">Glaze History</h1>' +
        '<h1>Release 2.4 (2024-03-01)</h1><p>Saving a firing schedule under a name: glaze save.</p>' +
        '<h1>Release 2.3 (2023-10-12)</h1><p>Kiln runs log each ramp of the firing schedule.</p>',
    ),
  );
  expect(runBatuta(['index', docs, '--db', db, '--no-dense'], home).code).toBe(0);
});

function search(question: string) {
  const run = runBatuta(
    ['oracle', '--rag', '--json', '--explain', '-k', '3', '--db', db, '--collection', 'glazebook', question],
    home,
  );
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('batuta oracle --rag with a gzipped changelog and a docutils history page (built CLI)', () => {
  it('shows the page that explains the feature first and both histories after it', () => {
    const answer = search('glaze save stores a schedule under a name');
    expect(answer.results.map((result: { source: string }) => result.source)).toEqual([
      'site/firing.html',
      'site/changelog.html.gz',
      'HISTORY.html',
    ]);
    expect(answer.fusion.releaseHistory).toMatchObject({ demoted: 2, changeCue: null });
  });

  it('leaves them in place for a question about a change', () => {
    const answer = search('what changed in the latest release');
    expect(answer.fusion.releaseHistory).toMatchObject({ demoted: 0 });
    expect(answer.fusion.releaseHistory.changeCue).not.toBeNull();
  });
});
