/**
 * A page that is not UTF-8 (DocBook XSL writes ISO-8859-1 and says so in its `<meta http-equiv>`) is read
 * in its declared charset both when it is indexed and when `batuta://docs` reads it back, so the text an
 * agent reads is the text that was searched, character for character.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentText } from '../../../src/retrieval/documents/document-text.js';
import { readDocument } from '../../../src/retrieval/documents/files.js';
import { readDocumentFile } from '../../../src/retrieval/search/source.js';

const DOCBOOK = resolve(import.meta.dirname, '../../fixtures/doc-builders/docbook');

describe('a page in a declared charset other than UTF-8', () => {
  it('reads back through its collection as the same text it was indexed from', async () => {
    const path = resolve(DOCBOOK, 'glazes.html');
    const indexed = readDocument({ source: 'glazes.html', path, size: 2000, mtime: 0, kind: 'html' });
    if (!('text' in indexed)) throw new Error(`not read: ${indexed.skipped}`);
    const read = await readDocumentFile(DOCBOOK, 'pottery', 'glazes.html');
    expect(read.text).toBe(documentText('glazes.html', path, indexed.text).text);
    expect(read.text.split('\n')).toEqual([
      '## Chapter 1. Glazes',
      '## Celadon',
      'A celadon glaze turns jade green in a reduction firing at 1280 °C; its iron oxide gives the colour à la Song dynasty.',
    ]);
    expect(read.text).not.toContain('\ufffd');
    expect(readFileSync(path).includes(0xb0)).toBe(true);
  });
});
