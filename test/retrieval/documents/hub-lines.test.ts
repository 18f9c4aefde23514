import { describe, expect, it } from 'vitest';
import { htmlPage } from '../../../src/retrieval/documents/html.js';
import { hubLines, ownLinks } from '../../../src/retrieval/documents/hub-lines.js';
import { hubReason, ownHubReason } from '../../../src/retrieval/documents/hubs.js';
import { findRepeatedChrome, pageLineKeys } from '../../../src/retrieval/documents/repeated-chrome.js';
import { decodePagesRecord, encodePagesRecord } from '../../../src/retrieval/indexing/pages-record.js';

/** A navigation box of one-link lines, some with a note after the link (as cppreference's wiki writes). */
const NAV_BOX = `<div><table>${Array.from(
  { length: 24 },
  (_, i) =>
    `<tr><td><a href="../s${i}.html">Section ${i}</a></td></tr>${i % 3 === 0 ? '<tr><td>(since 2.1)</td></tr>' : ''}`,
).join('')}</table></div>`;

const member = (name: string) =>
  `${NAV_BOX}<h1>kiln::${name}</h1><p>Sets the ${name} step of a firing schedule for the chamber.</p><pre>kiln.${name}()</pre>`;
const index = `${NAV_BOX}<h1>kiln</h1><ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="m${i}.html">kiln::member${i}</a></li>`).join('')}</ul>`;

function judged(html: string) {
  const page = htmlPage(html);
  const hub = hubReason(page.links);
  return { hub, hubLines: hub === null ? null : hubLines(page), lineKeys: pageLineKeys(page.lines) };
}

const NAMES = ['ramp', 'hold', 'soak', 'vent', 'cool', 'load', 'fire', 'stack', 'glaze'];

describe('hub verdicts without the repeated boxes of links', () => {
  const members = NAMES.map((name) => judged(member(name)));
  const hubIndex = judged(index);
  const chrome = findRepeatedChrome([...members, hubIndex].map((page) => page.lineKeys));
  const repeated = (key: number) => chrome.lines.has(key);

  it('a member page under a navigation box is a hub on all its lines and not on its own', () => {
    expect(members[0]!.hub).toMatch(/^a list of/);
    const own = ownLinks(members[0]!.hubLines!, repeated)!;
    expect(own.entries).toBe(0);
    expect(own.links).toBe(0);
    expect(own.words).toBeGreaterThan(0);
    for (const page of members) expect(ownHubReason(page, repeated)).toBeNull();
  });

  it('the index page listing the members stays a hub, on its own lines', () => {
    expect(ownHubReason(hubIndex, repeated)).toMatch(/^a list of 12 links/);
  });

  it('without repeated chrome (too few pages) every verdict stands', () => {
    const few = findRepeatedChrome(members.slice(0, 3).map((page) => page.lineKeys));
    expect(few.lines.size).toBe(0);
    expect(ownHubReason(members[0]!, (key) => few.lines.has(key))).toBe(members[0]!.hub);
  });

  it('a page that is nothing but the box keeps its verdict on all its lines', () => {
    const bare = judged(`${NAV_BOX}<h1>Sections</h1>`);
    expect(bare.hub).not.toBeNull();
    expect(ownHubReason(bare, repeated)).toBe(bare.hub);
  });

  it("a box the collection does not repeat is the page's own list", () => {
    const other = judged(
      NAV_BOX.replaceAll('Section', 'Chapter') + '<h1>kiln::ramp</h1><p>Sets the ramp.</p>',
    );
    expect(other.hub).not.toBeNull();
    expect(ownHubReason(other, repeated)).toBe(other.hub);
  });

  it('a box whose group labels outweigh its links comes off when most of its lines open with a link', () => {
    const labelled = `<div><table>${Array.from(
      { length: 12 },
      (_, i) =>
        `<tr><td><a href="../s${i}.html">S${i}</a></td></tr>${i % 4 === 0 ? '<tr><td>Steps that prepare the chamber before a firing</td></tr>' : ''}`,
    ).join('')}</table></div>`;
    const page = htmlPage(`${labelled}<h1>kiln::ramp</h1><p>Sets the ramp.</p>`);
    expect(page.links.linkWords * 2).toBeLessThan(page.links.words);
    const boxKeys = new Set(pageLineKeys(htmlPage(labelled).lines));
    const own = ownLinks(hubLines(page), (key) => boxKeys.has(key))!;
    expect(own.entries).toBe(0);
    expect(own.words).toBe(5);
  });

  it('the stored judgement keeps what a verdict is judged again from', () => {
    const page = {
      source: 'kiln/ramp.html',
      size: 10,
      mtime: 5,
      shingles: null,
      empty: false,
      ...members[0]!,
    };
    const stored = decodePagesRecord(encodePagesRecord({ pages: [page], compilations: new Map() }));
    expect(stored?.pages[0]?.hubLines).toEqual(members[0]!.hubLines);
    expect(stored?.pages[0]?.empty).toBe(false);
    expect(ownHubReason(stored!.pages[0]!, repeated)).toBeNull();
  });
});
