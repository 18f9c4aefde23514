import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphDeps } from '../../mcp/graph-deps.js';
import { createAllowedRoots } from '../../mcp/roots.js';
import { loadKnowledge } from '../../src/index.js';
import { type Connected, connect } from './harness.js';

describe('graph tools accept the stack 2026 crate names (shipped knowledge)', () => {
  let conn: Connected;
  beforeEach(async () => {
    const graph = createGraphDeps(loadKnowledge());
    conn = await connect({ roots: createAllowedRoots([process.cwd()], process.cwd()), graph });
  });
  afterEach(() => conn.close());

  it('get_component and find_integrations resolve aprender-serve and aprender-train', async () => {
    const shown = await conn.client.callTool({
      name: 'get_component',
      arguments: { name: 'aprender-serve' },
    });
    expect(shown.isError).toBeFalsy();
    expect((shown.structuredContent as { component: { name: string } }).component.name).toBe('realizar');
    const route = await conn.client.callTool({
      name: 'find_integrations',
      arguments: { from: 'aprender-train', to: 'aprender-serve' },
    });
    expect(route.isError).toBeFalsy();
    expect(route.structuredContent).toMatchObject({ from: 'entrenar', to: 'realizar' });
  });
});
