/**
 * A Doxygen file page whose enum values each link to the page itself by its path (built CLI), as Debian 12's
 * libsdl2-doc links the 977 key codes of SDL_keycode.h (`../../d5/df2/_s_d_l__keycode_8h.html#a…`): the page
 * is the reference of those values, not a list of other pages, so it is indexed and found; a page whose lines
 * open with links to other pages is still a hub.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan, kept, ruleOf } from './dry-run-plan.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-own-links-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'usr', 'share', 'doc', 'libkiln-doc', 'html');
const codes = 'd5/df2/kiln__codes_8h.html';

/** A page of 40 rows (`row(i)`), each opening with a link to `target(i)`: the page's own path or another page. */
function filePage(title: string, target: (i: number) => string, row: (i: number) => string): string {
  const rows = Array.from(
    { length: 40 },
    (_, i) => `<tr><td class="memItemLeft"><a href="${target(i)}">${row(i)}</td></tr>`,
  ).join('\n');
  return `<!DOCTYPE html><html><head><title>libkiln: ${title}</title></head><body>
<div class="header"><div class="headertitle"><div class="title">${title}</div></div></div>
<div class="contents"><h2 class="groupheader">Enumerations</h2><table class="memberdecls">${rows}</table>
<p>Cone numbers name the temperature at which a firing is done; KILN_CONE_6 is the usual stoneware glaze firing.</p>
</div></body></html>`;
}

mkdirSync(join(folder, 'd5', 'df2'), { recursive: true });
writeFileSync(join(folder, 'doxygen.css'), '/* The standard CSS for doxygen */\n');
writeFileSync(
  join(folder, codes),
  filePage(
    'kiln_codes.h File Reference',
    (i) => `../../${codes}#a${i}`,
    (i) => `KILN_CONE_${i}</a> = <a href="../../${codes}#m">KILN_CODE_OF</a>(${i * 20 + 600}),`,
  ),
);
writeFileSync(
  join(folder, 'd5', 'df2', 'cone_list.html'),
  filePage(
    'Cone list',
    (i) => `../../d5/df2/cone${i}.html`,
    (i) => `Cone ${i}</a> firing notes`,
  ),
);

describe('links to the page itself by its path (built CLI)', () => {
  it('keep a Doxygen page of self-linked enum values; a page of links to other pages is a hub', () => {
    const plan = dryRunPlan(home, folder);
    expect(kept(plan)).toEqual([codes]);
    expect(ruleOf(plan)).toMatchObject({ 'd5/df2/cone_list.html': 'hub' });
    const db = join(home, 'index.db');
    const run = runBatuta(['index', folder, '--db', db, '--name', 'libkiln', '--no-dense'], home);
    expect(run.code, run.stderr).toBe(0);
    const search = searchCollection(db, 'libkiln', 'which cone is the usual stoneware glaze firing', home);
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout).results[0]).toMatchObject({ source: codes });
  });
});
