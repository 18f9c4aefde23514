import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHUNKER_VERSION, chunkDocument, needsRechunk } from '../../../src/retrieval/documents/chunker.js';
import { documentLines, documentText, fileMimeType } from '../../../src/retrieval/documents/document-text.js';

const PAGE = readFileSync(resolve(import.meta.dirname, '../../fixtures/html-pages/kiln.html'), 'utf8');

describe('documents are read as the text they are cited by', () => {
  it('every HTML chunk reads back from its line range, heading marks aside', () => {
    const read = documentText('kiln.html', '/docs/kiln.html', PAGE).text.split('\n');
    const chunks = chunkDocument({ collection: 'c', source: 'kiln.html', kind: 'html', text: PAGE });
    expect(chunks.length).toBeGreaterThan(1);
    const bare = (lines: readonly string[]) =>
      lines.map((line) => line.replace(/^#{1,6} /, '')).filter((line) => line.trim() !== '');
    for (const chunk of chunks) {
      const [first, last] = chunk.lines;
      expect(bare(read.slice(first - 1, last))).toEqual(bare(chunk.text.split('\n')));
    }
  });

  it('numbers HTML by its text and other kinds by their own lines', () => {
    expect(documentLines('html', '<h1>A</h1>\n\n<p>b\nc</p>')).toEqual([
      { text: '# A', line: 1 },
      { text: 'b c', line: 2 },
    ]);
    expect(documentLines('markdown', '# A\r\n\r\nb')).toEqual([
      { text: '# A', line: 1 },
      { text: '', line: 2 },
      { text: 'b', line: 3 },
    ]);
    const markdown = '# A\n\n<b>kept as written</b>\n';
    expect(documentText('a.md', '/a.md', markdown)).toEqual({
      text: markdown,
      mimeType: 'text/markdown',
      file: '/a.md',
      fileMimeType: 'text/markdown',
    });
    expect(documentText('x.py', '/x.py', 'x = "<p>"\n')).toMatchObject({
      text: 'x = "<p>"\n',
      mimeType: 'text/plain',
    });
  });

  it('names the media type of the file', () => {
    expect(fileMimeType('api/routing.html')).toBe('text/html');
    expect(fileMimeType('page.XHTML')).toBe('application/xhtml+xml');
    expect(fileMimeType('_sources/index.rst.txt')).toBe('text/x-rst');
    expect(fileMimeType('notes.txt')).toBe('text/plain');
    expect(fileMimeType('README')).toBe('text/plain');
  });

  it('chunks HTML again for a collection chunked before the HTML text was numbered, other kinds not', () => {
    const before = CHUNKER_VERSION.split('+')[0]!;
    expect(needsRechunk(before, 'html')).toBe(true);
    expect(needsRechunk(before, 'markdown')).toBe(false);
    expect(needsRechunk(before, 'code')).toBe(false);
    expect(needsRechunk(CHUNKER_VERSION, 'html')).toBe(false);
    expect(needsRechunk('heading-400-64', 'markdown')).toBe(true);
    expect(needsRechunk(`${before}+html-text-0`, 'html')).toBe(true);
    expect(needsRechunk(`${before}+html-text-2`, 'html')).toBe(true);
    expect(needsRechunk(`${before}+html-text-2`, 'markdown')).toBe(false);
    // Page titles in header blocks, tables of contents and the newline after <pre> changed the text.
    expect(needsRechunk(`${before}+html-text-3`, 'html')).toBe(true);
    // Blocks inside headings, formula alt text and the chrome of RDoc, Haddock, qdoc, Erlang/OTP and texinfo.
    expect(needsRechunk(`${before}+html-text-4`, 'html')).toBe(true);
    expect(needsRechunk(`${before}+html-text-4`, 'markdown')).toBe(false);
    // Line breaks in headings, RDoc method headings and texinfo's ¶ links.
    expect(needsRechunk(`${before}+html-text-5`, 'html')).toBe(true);
  });
});
