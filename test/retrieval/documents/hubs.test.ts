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
});
