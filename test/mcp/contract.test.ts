import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAllowedRoots } from '../../mcp/roots.js';
import { INSTRUCTIONS, SERVER_INFO } from '../../mcp/server.js';
import { fakeDeps } from './fakes.js';
import { type Connected, connect } from './harness.js';

type JsonSchema = { properties?: Record<string, JsonSchema & { description?: string }>; type?: string };

describe('the tools/list contract', () => {
  let conn: Connected;
  beforeAll(async () => {
    conn = await connect(fakeDeps(createAllowedRoots([process.cwd()], process.cwd())));
  });
  afterAll(() => conn.close());

  it('announces the server and its instructions', () => {
    expect(conn.client.getServerVersion()).toMatchObject({
      name: SERVER_INFO.name,
      version: SERVER_INFO.version,
    });
    expect(conn.client.getInstructions()).toBe(INSTRUCTIONS);
    expect(conn.client.getServerCapabilities()).toMatchObject({
      tools: {},
      resources: {},
      prompts: {},
      logging: {},
    });
  });

  it('gives every tool a title, description, described inputs, an output schema and all four hints', async () => {
    const { tools } = await conn.client.listTools();
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-z]+(_[a-z]+)+$/);
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description?.length, tool.name).toBeGreaterThan(60);
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.icons?.[0]?.mimeType, tool.name).toBe('image/svg+xml');
      expect(tool.icons?.[0]?.src, tool.name).toMatch(/^data:image\/svg\+xml;base64,/);
      const hints = tool.annotations ?? {};
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof hints[hint], `${tool.name}.${hint}`).toBe('boolean');
      }
      const properties = (tool.inputSchema as JsonSchema).properties ?? {};
      for (const [field, schema] of Object.entries(properties)) {
        expect(schema.description, `${tool.name}.${field}`).toBeTruthy();
      }
    }
  });

  it('describes the plan migration_plan returns, field by field, as batuta plan --json prints it', async () => {
    const { tools } = await conn.client.listTools();
    const plan = tools.find((tool) => tool.name === 'migration_plan');
    const properties = (plan?.outputSchema as JsonSchema | undefined)?.properties ?? {};
    const summary = properties['summary'] as { anyOf?: JsonSchema[] } | undefined;
    const shape = summary?.anyOf?.[0]?.properties ?? {};
    expect(Object.keys(shape).sort()).toEqual([
      'crates',
      'modules',
      'notes',
      'recommendations',
      'transpilers',
    ]);
    for (const [field, schema] of Object.entries(shape)) expect(schema.description, field).toBeTruthy();
  });

  it('matches the pinned snapshot (change it deliberately with vitest -u)', async () => {
    const { tools } = await conn.client.listTools();
    await expect(`${JSON.stringify(tools, null, 2)}\n`).toMatchFileSnapshot(
      './__snapshots__/tools-list.json',
    );
  });

  it('lists the resource templates and prompts', async () => {
    const { resourceTemplates } = await conn.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'batuta://answers/{question}.mmd',
      'batuta://answers/{question}.svg',
      'batuta://components/{name}',
      'batuta://docs/{collection}/{+path}',
      'batuta://migrations/{id}',
    ]);
    const { prompts } = await conn.client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual([
      'choose_components',
      'plan_migration',
      'translate_file',
    ]);
  });
});
