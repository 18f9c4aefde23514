import { describe, expect, it } from 'vitest';
import { htmlPage } from '../../../src/retrieval/documents/html.js';
import { hubReason } from '../../../src/retrieval/documents/hubs.js';

const links = (html: string) => htmlPage(html).links;
const entry = (i: number, text = '') => `<tr><td><a href="page${i}.html">Directive${i}</a> ${text}</td></tr>`;

describe('hubReason', () => {
  it('knows a list of links and a quick-reference table of many pages with a few words each', () => {
    const list = `<h1>Site map</h1><ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="p${i}.html">Page ${i}</a></li>`).join('')}</ul>`;
    expect(hubReason(links(list))).toMatch(/^a list of 12 links/);
    const rows = Array.from(
      { length: 120 },
      (_, i) =>
        entry(i, 'server config, virtual host') +
        '<tr><td>Sets the limit of one thing for each request</td></tr>',
    );
    expect(hubReason(links(`<h1>Quick reference</h1><table>${rows.join('')}</table>`))).toMatch(
      /^a table of 120 links/,
    );
  });

  it('keeps an API page whose long list of implementing classes is one line, and prose with a list of parts', () => {
    const classes = Array.from({ length: 60 }, (_, i) => `<a href="C${i}.html">C${i}</a>`).join(', ');
    const api = `<h1>Interface StackConsumer</h1><dl><dt>All Known Implementing Classes:</dt><dd>${classes}</dd></dl><p>Denotes an instruction that may consume a value from the stack.</p>`;
    expect(links(api).entries).toBe(1);
    expect(hubReason(links(api))).toBeNull();
    const sentence =
      '<p>This part of the guide walks you through one firing, step by step, and says why each step matters.</p>';
    const parts = Array.from({ length: 12 }, (_, i) => `<li><a href="part${i}.html">Part ${i}</a></li>`).join(
      '',
    );
    expect(hubReason(links(`<h1>Tutorial</h1>${sentence.repeat(3)}<ul>${parts}</ul>${sentence}`))).toBeNull();
  });

  it("links to the page's own file by path are links on the page: Doxygen's enum of key codes is no hub", () => {
    // Doxygen (CREATE_SUBDIRS) links each enum value to its own page by relative path, as SDL_keycode.h's 977 values.
    const self = 'd5/df2/kiln__codes_8h.html';
    const values = Array.from(
      { length: 40 },
      (_, i) => `<tr><td><a href="../../${self}#a${i}">KILN_CODE_${i}</a> = ${i},</td></tr>`,
    ).join('');
    const page = `<h1>kiln_codes.h File Reference</h1><table>${values}</table>`;
    expect(hubReason(htmlPage(page).links)).toMatch(/ 40 links /);
    expect(htmlPage(page, self).links.entries).toBe(0);
    expect(hubReason(htmlPage(page, self).links)).toBeNull();
    const other = page.replaceAll(`../../${self}`, '../../d5/df2/other_8h.html');
    expect(hubReason(htmlPage(other, self).links)).toMatch(/ 40 links /);
  });

  it("words of links to other sites are the page's own text: a glossary linking each expansion elsewhere is kept", () => {
    const terms = Array.from(
      { length: 14 },
      (_, i) =>
        `<dt>T${i}</dt><dd><a href="https://en.wikipedia.org/wiki/T${i}">Term number ${i} spelled out</a></dd>`,
    ).join('');
    const glossary = links(`<h1>Acronyms</h1><p>Acronyms used in this manual.</p><dl>${terms}</dl>`);
    expect(glossary.offSiteWords).toBe(glossary.linkWords);
    expect(hubReason(glossary)).toBeNull();
    const internal = links(
      `<h1>Acronyms</h1><p>Acronyms used in this manual.</p><dl>${terms.replaceAll('https://en.wikipedia.org/wiki/', '')}</dl>`,
    );
    expect(internal.offSiteWords).toBe(0);
    expect(hubReason(internal)).toMatch(/^a list of 14 links/);
    const mixed = links(
      `<h1>Developer documents</h1><ul>${Array.from({ length: 10 }, (_, i) => `<li><a href="dev${i}.html">Developer guide part ${i}</a></li>`).join('')}<li><a href="https://tutor.example.org/">Articles elsewhere</a></li></ul>`,
    );
    expect(mixed.offSiteWords).toBe(2);
    expect(hubReason(mixed)).toMatch(/^a list of 11 links/);
    const protocolRelative = links(
      `<ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="//talks.example.org/${i}">Talk ${i} on kilns</a></li>`).join('')}</ul>`,
    );
    expect(hubReason(protocolRelative)).toBeNull();
  });
});

describe('hubReason: contents pages written by hand', () => {
  const modules = (count: number, href = (i: number) => `mod${i}.html`) =>
    Array.from(
      { length: count },
      (_, i) => `<dt><a href="${href(i)}">mod${i}</a> - interfaces for the part number ${i}</dt>`,
    ).join('');

  it('knows a list of modules with a line on each, under half of whose words are links', () => {
    const page = links(`<h1>API modules</h1><dl>${modules(24)}</dl>`);
    expect(page.linkWords / page.words).toBeLessThan(0.5);
    expect(hubReason(page)).toMatch(/^a contents page of 24 links/);
    expect(hubReason(links(`<h1>API modules</h1><dl>${modules(12)}</dl>`))).toBeNull();
  });

  it('keeps a class page whose member table sits amid prose, and a list of pages on other sites', () => {
    const prose =
      '<p>The loom keeps the warp under tension and moves the heddles row by row, so a program describes the cloth.</p>';
    expect(hubReason(links(`<h1>Loom</h1>${prose.repeat(4)}<dl>${modules(24)}</dl>`))).toBeNull();
    const elsewhere = modules(24, (i) => `https://example.org/mod${i}`);
    expect(hubReason(links(`<h1>Related projects</h1><dl>${elsewhere}</dl>`))).toBeNull();
  });
});
