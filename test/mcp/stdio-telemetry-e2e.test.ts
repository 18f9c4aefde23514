/**
 * The built `batuta mcp` over stdio opts out of onnxruntime's telemetry: a search that runs the reranker in
 * onnxruntime leaves no telemetry files (mat-debug-PID.log, .ses) in the server's temporary folder.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { clientFor, REVISIONS } from './harness.js';
import { projectServer } from './stdio-project.js';

describe('batuta mcp and onnxruntime telemetry', () => {
  it('leaves no telemetry files after a reranked search', async () => {
    const home = tempDir('batuta-telemetry-');
    const temporary = tempDir('batuta-telemetry-tmp-');
    const client = clientFor(REVISIONS[0]!, 'telemetry');
    await client.connect(projectServer(home, { TMPDIR: temporary }));
    try {
      const found = await client.callTool({
        name: 'search_docs',
        arguments: { query: 'How do I train a model on the GPU?', k: 5 },
      });
      expect((found.structuredContent as { reranked: boolean }).reranked).toBe(true);
    } finally {
      await client.close();
    }
    expect(readdirSync(temporary)).toEqual([]);
  });
});
