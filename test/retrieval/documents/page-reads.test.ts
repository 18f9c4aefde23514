import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../src/retrieval/documents/chunker.js';
import type { FoundFile } from '../../../src/retrieval/documents/files.js';
import { htmlToText } from '../../../src/retrieval/documents/html.js';
import { createPageReads } from '../../../src/retrieval/documents/page-reads.js';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/doc-builders/xslt-manual');

function found(source: string): FoundFile {
  const path = resolve(FIXTURE, source);
  const { size, mtimeMs } = statSync(path);
  return { source, path, size, mtime: mtimeMs, kind: 'html' };
}

describe('page reads', () => {
  it('hands the indexer the page the hub check extracted, the same lines the chunker would extract', () => {
    const reads = createPageReads();
    const file = found('tutorial.html');
    const read = reads.read(file);
    if (!('text' in read)) throw new Error('fixture not read');
    const page = reads.htmlPage(file, read.text);
    const held = reads.take(file);
    expect(held?.read).toBe(read);
    expect(held?.extracted).toBe(page);
    expect(held?.extracted?.lines).toEqual(htmlToText(read.text));
    const input = { collection: 'c', source: file.source, kind: 'html' as const, text: read.text };
    expect(chunkDocument({ ...input, extracted: held?.extracted })).toEqual(chunkDocument(input));
    expect(reads.take(file)).toBeUndefined();
  });

  it('holds no lines past its budget, and none for a page it did not read', () => {
    const file = found('sitemap.html');
    const tight = createPageReads(file.size);
    const read = tight.read(file);
    if (!('text' in read)) throw new Error('fixture not read');
    tight.htmlPage(file, read.text);
    expect(tight.take(file)).toEqual({ read });
    const reads = createPageReads();
    reads.htmlPage(file, read.text);
    expect(reads.take(file)).toBeUndefined();
  });
});
