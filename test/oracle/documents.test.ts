import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadComponentDocuments, proseOf } from '../../src/oracle/documents.js';
import { createOracle } from '../../src/oracle/recommend.js';
import { tempDir } from '../temp-dirs.js';
import { FIXTURE } from './fixture.js';

describe('component documents', () => {
  it('keeps the prose of a spec, without front matter or code', () => {
    const text = proseOf(
      '---\ncomponent: x\n---\n# X\n\nSpeaks prose.\n\n```rust\nlet hidden = 1;\n```\nMore.\n',
    );
    expect(text).toContain('Speaks prose.');
    expect(text).toContain('More.');
    expect(text).not.toContain('component: x');
    expect(text).not.toContain('hidden');
  });

  it('reads the specs of the components that have one', () => {
    const dir = tempDir('batuta-docs-');
    writeFileSync(join(dir, 'trueno-db.md'), '# Trueno-DB\n\nKeeps hyperdimensional fingerprints.\n');
    const documents = loadComponentDocuments(dir, ['trueno-db', 'aprender']);
    expect([...documents.keys()]).toEqual(['trueno-db']);
  });

  it('lets words that only a document uses count for its component', () => {
    const documents = new Map([['trueno-db', 'It keeps hyperdimensional fingerprints of passages.']]);
    const question = 'hyperdimensional fingerprints';
    expect(createOracle(FIXTURE).answer(question, true).explain).toEqual([]);
    const [top] = createOracle(FIXTURE, { documents }).answer(question, true).explain ?? [];
    expect(top?.component).toBe('trueno-db');
    expect(top?.reasons[0]?.matched).toBe('hyperdimensional fingerprints');
  });
});
