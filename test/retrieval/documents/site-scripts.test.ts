import { describe, expect, it } from 'vitest';
import type { FoundFile, ReadResult } from '../../../src/retrieval/documents/files.js';
import { dropSiteScripts, scriptSource } from '../../../src/retrieval/documents/site-scripts.js';

const file = (source: string): FoundFile => ({
  source,
  path: `/x/${source}`,
  size: 100,
  mtime: 0,
  kind: source.endsWith('.html') ? 'html' : 'code',
});

function run(pages: Record<string, string>, scripts: string[], keep: string[] = []) {
  const files = [...Object.keys(pages), ...scripts].map(file);
  const read = (found: FoundFile): ReadResult =>
    found.source in pages ? { text: pages[found.source]!, hash: 'h' } : { skipped: 'not read' };
  const skipped: Array<{ source: string; rule: string }> = [];
  const kept = dropSiteScripts(
    files,
    read,
    (source, rule) => skipped.push({ source, rule }),
    (source) => keep.includes(source),
  );
  return { kept: kept.map((found) => found.source), skipped };
}

describe('scriptSource', () => {
  it('resolves a page-relative source, without its query, within the folder only', () => {
    expect(scriptSource('guide/a.html', '../js/menu.js?v=3')).toBe('js/menu.js');
    expect(scriptSource('a.html', './js/menu.js#top')).toBe('js/menu.js');
    expect(scriptSource('a.html', 'js/my%20menu.js')).toBe('js/my menu.js');
    expect(scriptSource('a.html', '../outside.js')).toBeNull();
    expect(scriptSource('a.html', 'https://cdn.example.org/menu.js')).toBeNull();
    expect(scriptSource('a.html', '//cdn.example.org/menu.js')).toBeNull();
    expect(scriptSource('a.html', '/static/menu.js')).toBeNull();
    expect(scriptSource('a.html', '')).toBeNull();
  });
});

describe('dropSiteScripts', () => {
  const load = (src: string) =>
    `<html><head><script src="${src}"></script></head><body><p>Text.</p></body></html>`;

  it('leaves out a script two or more pages load, once per page however often a page loads it', () => {
    const twice = `${load('js/menu.js')}<script src='js/menu.js'></script>`;
    const { kept, skipped } = run({ 'a.html': twice, 'b/c.html': load('../js/menu.js') }, ['js/menu.js']);
    expect(skipped).toEqual([{ source: 'js/menu.js', rule: 'site-script' }]);
    expect(kept).toEqual(['a.html', 'b/c.html']);
  });

  it('keeps a script one page loads, a script no page loads, and a script an include glob chose', () => {
    const pages = {
      'demo/index.html': load('demo.js'),
      'a.html': load('menu.js'),
      'b.html': load('menu.js'),
    };
    const { kept, skipped } = run(pages, ['demo/demo.js', 'tool.js', 'menu.js'], ['menu.js']);
    expect(skipped).toEqual([]);
    expect(kept).toContain('demo/demo.js');
    expect(kept).toContain('tool.js');
    expect(kept).toContain('menu.js');
  });

  it('reads no page when no script is among the files', () => {
    const files = [file('a.html'), file('b.html')];
    const read = (): ReadResult => {
      throw new Error('read');
    };
    expect(
      dropSiteScripts(
        files,
        read,
        () => {},
        () => false,
      ),
    ).toBe(files);
  });
});
