import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAllowedRoots } from '../../mcp/roots.js';
import { fakeGraph } from './fakes.js';
import { type Connected, connect, errorCodeOf, textOf } from './harness.js';

describe('graph tools over the in-memory transport', () => {
  let conn: Connected;
  beforeEach(async () => {
    conn = await connect({ roots: createAllowedRoots([process.cwd()], process.cwd()), graph: fakeGraph });
  });
  afterEach(() => conn.close());

  it('list_components lists all components, or one layer', async () => {
    const all = await conn.client.callTool({ name: 'list_components', arguments: {} });
    expect(
      (all.structuredContent as { components: { name: string }[] }).components.map((c) => c.name),
    ).toEqual(['trueno', 'aprender', 'realizar']);
    expect(textOf(all)).toContain('trueno 0.1.0 (layer 0');
    const layer1 = await conn.client.callTool({ name: 'list_components', arguments: { layer: 1 } });
    expect((layer1.structuredContent as { components: unknown[] }).components).toHaveLength(2);
  });

  it('get_component returns the component with its integrations, case-insensitively', async () => {
    const result = await conn.client.callTool({ name: 'get_component', arguments: { name: ' Aprender ' } });
    const component = (result.structuredContent as { component: { name: string; integrations: unknown[] } })
      .component;
    expect(component.name).toBe('aprender');
    expect(component.integrations).toHaveLength(2);
    expect(textOf(result)).toContain('aprender -> realizar (model export)');
  });

  it('get_component on an unknown name is a tool error with NOT_FOUND, and the server keeps serving', async () => {
    const result = await conn.client.callTool({ name: 'get_component', arguments: { name: 'pytorch' } });
    expect(result.isError).toBe(true);
    expect(errorCodeOf(result)).toBe('NOT_FOUND');
    expect(textOf(result)).toMatch(/^get_component: /);
    const after = await conn.client.callTool({ name: 'get_component', arguments: { name: 'trueno' } });
    expect(after.isError).toBeFalsy();
  });

  it('bad arguments give a tool error naming the field, not a crash', async () => {
    const missing = await conn.client.callTool({ name: 'get_component', arguments: {} });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('name');
    const wrongType = await conn.client.callTool({ name: 'list_components', arguments: { layer: 'two' } });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toContain('layer');
    expect((await conn.client.ping()) ?? {}).toEqual({});
  });

  it('find_components matches a capability', async () => {
    const result = await conn.client.callTool({ name: 'find_components', arguments: { capability: 'simd' } });
    const found = result.structuredContent as { capability: { id: string }; components: { name: string }[] };
    expect(found.capability.id).toBe('simd');
    expect(found.components.map((c) => c.name)).toEqual(['trueno', 'aprender']);
    const none = await conn.client.callTool({
      name: 'find_components',
      arguments: { capability: 'quantum' },
    });
    expect(errorCodeOf(none)).toBe('NOT_FOUND');
  });

  it('find_integrations gives the direct pattern and the path', async () => {
    const result = await conn.client.callTool({
      name: 'find_integrations',
      arguments: { from: 'aprender', to: 'realizar' },
    });
    const found = result.structuredContent as {
      direct: { pattern: string }[];
      mode: string;
      hops: unknown[];
    };
    expect(found.direct.map((i) => i.pattern)).toEqual(['model export']);
    expect(found.mode).toBe('direct');
    expect(found.hops).toHaveLength(1);
    const none = await conn.client.callTool({
      name: 'find_integrations',
      arguments: { from: 'trueno', to: 'realizar' },
    });
    expect((none.structuredContent as { mode: string }).mode).toBe('none');
    expect(textOf(none)).toContain('No chain');
    const unknown = await conn.client.callTool({
      name: 'find_integrations',
      arguments: { from: 'x', to: 'trueno' },
    });
    expect(errorCodeOf(unknown)).toBe('NOT_FOUND');
  });

  it('search_recipes returns matches with code, and an empty list when nothing fits', async () => {
    const hit = await conn.client.callTool({
      name: 'search_recipes',
      arguments: { query: 'simd dot product' },
    });
    expect((hit.structuredContent as { recipes: { id: string }[] }).recipes.map((r) => r.id)).toEqual([
      'simd-dot',
    ]);
    expect(textOf(hit)).toContain('```rust');
    const byComponent = await conn.client.callTool({
      name: 'search_recipes',
      arguments: { component: 'trueno' },
    });
    expect((byComponent.structuredContent as { recipes: unknown[] }).recipes).toHaveLength(1);
    const miss = await conn.client.callTool({ name: 'search_recipes', arguments: { query: 'blockchain' } });
    expect((miss.structuredContent as { recipes: unknown[] }).recipes).toEqual([]);
    expect(miss.isError).toBeFalsy();
    const badLimit = await conn.client.callTool({
      name: 'search_recipes',
      arguments: { query: 'simd', limit: 500 },
    });
    expect(badLimit.isError).toBe(true);
  });

  it('serves batuta://components/{name} with list and completion', async () => {
    const { resources } = await conn.client.listResources();
    expect(resources.map((r) => r.uri)).toContain('batuta://components/trueno');
    const read = await conn.client.readResource({ uri: 'batuta://components/realizar' });
    const first = read.contents[0] as { text: string; mimeType: string };
    expect(first.mimeType).toBe('text/markdown');
    expect(first.text).toContain('# REALIZAR 0.1.0');
    await expect(conn.client.readResource({ uri: 'batuta://components/nope' })).rejects.toMatchObject({
      code: -32602,
      data: { uri: 'batuta://components/nope' },
    });
    await expect(conn.client.readResource({ uri: 'batuta://components/%E0%A4%A' })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringMatching(/is not URI-encoded/),
    });
    const completion = await conn.client.complete({
      ref: { type: 'ref/resource', uri: 'batuta://components/{name}' },
      argument: { name: 'name', value: 'tr' },
    });
    expect(completion.completion.values).toEqual(['trueno']);
  });

  it('choose_components prompt embeds the problem, constraints and component list', async () => {
    const { prompts } = await conn.client.listPrompts();
    expect(prompts.find((p) => p.name === 'choose_components')?.arguments?.map((a) => a.name)).toEqual([
      'problem',
      'constraints',
    ]);
    const prompt = await conn.client.getPrompt({
      name: 'choose_components',
      arguments: { problem: 'train on GPU', constraints: 'no cloud' },
    });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain('Problem: train on GPU');
    expect(text).toContain('Constraints: no cloud');
    expect(text).toContain('- realizar (layer 1');
  });
});
