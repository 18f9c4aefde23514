import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../src/retrieval/documents/chunker.js';
import { citedPart } from '../../../src/retrieval/search/cited-part.js';
import { questionStems } from '../../../src/retrieval/search/shown-chunk.js';
import type { Chunk } from '../../../src/retrieval/types.js';

// Five one-paragraph subsections of a configuration reference, merged into one chunk under their parent.
const HTML = [
  '<h1>Settings</h1>',
  '<p>The settings file is read at start.</p>',
  '<h2>Elements</h2>',
  '<h3>dir</h3>',
  '<p>Names a folder to scan for shapes.</p>',
  '<h3>rename</h3>',
  '<p>Makes one shape family stand in for another when the first is missing.</p>',
  '<h3>limit</h3>',
  '<p>Caps how many shapes are kept in memory.</p>',
].join('\n');

const merged = (): Chunk => {
  const chunks = chunkDocument({ collection: 'c', source: 'settings.html', kind: 'html', text: HTML });
  return chunks.find((chunk) => chunk.members !== undefined)!;
};

describe('citedPart', () => {
  it('cites the merged section whose lines hold the snippet, by its heading path and lines', () => {
    const chunk = merged();
    expect(chunk.headings).toEqual(['Settings', 'Elements']);
    const cited = citedPart(questionStems('make one family stand in for another'), chunk);
    expect(cited).toEqual({
      heading: 'Settings > Elements > rename',
      lines: chunk.members![1]!.lines,
      snippet: 'Makes one shape family stand in for another when the first is missing. limit',
    });
    expect(cited.lines[0]).toBeGreaterThan(chunk.lines[0]);
    expect(cited.lines[1]).toBeLessThan(chunk.lines[1]);
    expect(citedPart(questionStems('which folder is scanned'), chunk)).toMatchObject({
      heading: 'Settings > Elements > dir',
      lines: chunk.members![0]!.lines,
    });
    // A snippet on a member's own heading line cites that member.
    expect(citedPart(questionStems('limit'), chunk).heading).toBe('Settings > Elements > limit');
  });

  it('cites a chunk without members (one section, or an index written before they were kept) whole', () => {
    const { members: _, ...old } = merged();
    expect(citedPart(questionStems('make one family stand in for another'), old)).toEqual({
      heading: 'Settings > Elements',
      lines: old.lines,
      snippet: 'Makes one shape family stand in for another when the first is missing. limit',
    });
  });

  it('cites a run of top-level siblings under the heading that names it', () => {
    const html = '<h1>Ring</h1><p>A ring buffer.</p><h1>Rotation</h1><p>Turns the ring by n places.</p>';
    const [chunk] = chunkDocument({ collection: 'c', source: 'ring.html', kind: 'html', text: html });
    expect(chunk!.headings).toEqual(['Ring']);
    expect(citedPart(questionStems('turn the ring by n places'), chunk!)).toMatchObject({
      heading: 'Ring > Rotation',
      lines: chunk!.members![1]!.lines,
    });
    expect(citedPart(questionStems('buffer'), chunk!)).toMatchObject({
      heading: 'Ring',
      lines: chunk!.members![0]!.lines,
    });
  });
});
