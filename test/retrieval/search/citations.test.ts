import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSpecCiter } from '../../../src/retrieval/search/citations.js';
import { createSearcher } from '../../../src/retrieval/search/searcher.js';
import { tempDir } from '../../temp-dirs.js';

const dir = tempDir('specs-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'trueno.md'),
  '---\ncomponent: trueno\n---\n# Trueno\n\nCompute kernels.\n\n## GPU dispatch\n\nLarge matrix multiplication moves to the GPU.\n\n## SIMD\n\nAVX2 and NEON paths.\n',
);
writeFileSync(
  join(dir, 'entrenar.md'),
  '# Entrenar\n\nTraining loops with LoRA adapters.\n\n## Optimizers\n\nAdam and SGD.\n',
);
writeFileSync(join(dir, 'workflow.md'), '# Workflow\n\nFive phases from analysis to deployment.\n');

describe('createSpecCiter', () => {
  it('cites the best matching passage of each component, in the order given', () => {
    const cite = createSpecCiter(dir);
    expect(cite('matrix multiplication on the GPU', ['trueno', 'entrenar'])).toEqual([
      { collection: 'specs', source: 'trueno.md', heading: 'Trueno > GPU dispatch', lines: [10, 10] },
      { collection: 'specs', source: 'entrenar.md', heading: 'Entrenar', lines: [3, 3] },
    ]);
  });

  it('respects the limit and ignores components without a spec', () => {
    const cite = createSpecCiter(dir);
    expect(cite('optimizers', ['pacha', 'entrenar', 'trueno'], 1)).toEqual([
      { collection: 'specs', source: 'entrenar.md', heading: 'Entrenar > Optimizers', lines: [7, 7] },
    ]);
  });
});

describe('searching the built-in specs collection', () => {
  it('works without any database', async () => {
    const searcher = createSearcher({ dbPath: null, models: null, specsDir: dir });
    const request = { question: 'five phases', k: 3, mode: 'hybrid' as const, rerank: true, explain: false };
    const { results, notes } = await searcher.search('specs', request);
    expect(results[0]).toMatchObject({ collection: 'specs', source: 'workflow.md', component: null });
    expect(notes[0]).toContain('dense leg unavailable');
    await expect(searcher.search('docs', request)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
