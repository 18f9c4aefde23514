import { describe, expect, it } from 'vitest';
import { htmlPage } from '../../../src/retrieval/documents/html.js';
import { hubLines } from '../../../src/retrieval/documents/hub-lines.js';
import { hubReason, ownHubReason } from '../../../src/retrieval/documents/hubs.js';
import { NO_REPEATED_CHROME, pageLineKeys } from '../../../src/retrieval/documents/repeated-chrome.js';
import { sectionChrome } from '../../../src/retrieval/documents/section-chrome.js';

/** A section's navigation box: a link to its page, then one link per member. */
const box = (section: string, members: number) =>
  `<div><table><tr><td><a href="../${section}.html">${section} reference</a></td></tr>${Array.from(
    { length: members },
    (_, i) => `<tr><td><a href="m${i}.html">${section}::m${i}</a></td></tr>`,
  ).join('')}</table></div>`;

function judged(source: string, html: string) {
  const page = htmlPage(html);
  const hub = hubReason(page.links);
  return { source, hub, hubLines: hub === null ? null : hubLines(page), lineKeys: pageLineKeys(page.lines) };
}

const member = (section: string, i: number) =>
  judged(
    `${section}/m${i}.html`,
    `${box(section, 14)}<h1>${section}::m${i}</h1><p>Sets step ${i} of the ${section}.</p>`,
  );

describe('sectionChrome', () => {
  const glaze = Array.from({ length: 8 }, (_, i) => member('glaze', i));
  const clay = Array.from({ length: 8 }, (_, i) => member('clay', i));
  const head = judged('glaze.html', `${box('glaze', 14)}<h1>Glaze</h1><p>The glaze steps.</p>`);
  const others = Array.from({ length: 10 }, (_, i) =>
    judged(`notes${i}.html`, `<h1>Note ${i}</h1><p>Text.</p>`),
  );
  const pages = [...glaze, ...clay, head, ...others];

  it("takes off a box half a section's pages hold, for the pages below the section's folder", () => {
    expect(glaze[0]!.hub).not.toBeNull();
    const repeatedFor = sectionChrome(pages, NO_REPEATED_CHROME);
    for (const page of [...glaze, ...clay]) expect(ownHubReason(page, repeatedFor(page.source))).toBeNull();
  });

  it('leaves the box on the page beside the folder, and on every page of a section under 8 pages', () => {
    const repeatedFor = sectionChrome(pages, NO_REPEATED_CHROME);
    expect(ownHubReason(head, repeatedFor(head.source))).toBe(head.hub);
    const few = sectionChrome([...glaze.slice(0, 7), ...others], NO_REPEATED_CHROME);
    expect(ownHubReason(glaze[0]!, few(glaze[0]!.source))).toBe(glaze[0]!.hub);
  });

  it("counts the collection's repeated chrome as well", () => {
    const chrome = { pages: 1, lines: new Map(glaze[0]!.lineKeys.map((key) => [key, 1])) };
    const repeatedFor = sectionChrome([glaze[0]!], chrome);
    expect(ownHubReason(glaze[0]!, repeatedFor(glaze[0]!.source))).toBeNull();
  });
});
