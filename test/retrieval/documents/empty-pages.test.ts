import { describe, expect, it } from 'vitest';
import { dropEmptyPages, isEmptyPage } from '../../../src/retrieval/documents/empty-pages.js';
import type { FoundFile } from '../../../src/retrieval/documents/files.js';
import { htmlToText } from '../../../src/retrieval/documents/html.js';

const lines = (html: string) => htmlToText(html);

describe('isEmptyPage', () => {
  it('knows a page with nothing but its title, or nothing at all', () => {
    expect(isEmptyPage(lines('<h1>WidgetFrame Class Reference</h1>'))).toBe(true);
    expect(
      isEmptyPage(
        lines(
          '<html><head><title>Demo</title><script src="d.js"></script></head><body><canvas></canvas></body></html>',
        ),
      ),
    ).toBe(true);
    expect(
      isEmptyPage(
        lines('<div class="part"><h1>Part II</h1><nav><a href="ch5.html">5. Widgets</a></nav></div>'),
      ),
    ).toBe(true);
  });

  it('keeps a page with a word under its title, a code block, or more than one heading', () => {
    expect(isEmptyPage(lines('<h1>Frames</h1><p>Borders.</p>'))).toBe(false);
    expect(isEmptyPage(lines('<h1>Example</h1><pre>frame.show()</pre>'))).toBe(false);
    expect(isEmptyPage(lines('<h1>Gallery</h1><h2>Buttons</h2><h2>Frames</h2>'))).toBe(false);
  });
});

describe('dropEmptyPages', () => {
  const file = (source: string): FoundFile => ({ source, path: source, size: 1, mtime: 1, kind: 'html' });
  const pages = [
    { source: 'a.html', empty: true },
    { source: 'b.html', empty: false },
    { source: 'c.html', empty: true },
  ];

  it('reports each empty page with rule empty, unless an include glob keeps it', () => {
    const skipped: string[] = [];
    const kept = dropEmptyPages([file('a.html'), file('b.html'), file('c.html')], pages, {
      skip: (source, rule) => skipped.push(`${source} ${rule}`),
      keep: (source) => source === 'c.html',
    });
    expect(kept.map((f) => f.source)).toEqual(['b.html', 'c.html']);
    expect(skipped).toEqual(['a.html empty']);
  });
});
