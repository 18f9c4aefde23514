/**
 * Pictures over MCP, in-process: batuta://stack.svg and batuta://stack.mmd drawn from the shipped
 * knowledge base, oracle_query's resource link to the picture of its answer, and the errors a picture
 * read gives for a question nothing fits or a URI that is not encoded.
 */
import type { ResourceLink } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAllowedRoots } from '../../mcp/roots.js';
import { loadKnowledge } from '../../src/index.js';
import { edgesThroughBoxes, overlappingBoxes, parsePicture } from '../picture/svg-check.js';
import { fakeOracle, shippedPictures } from './fakes.js';
import { type Connected, connect } from './harness.js';

const knowledge = loadKnowledge();
let conn: Connected;

beforeAll(async () => {
  conn = await connect({
    roots: createAllowedRoots([process.cwd()], process.cwd()),
    oracle: fakeOracle,
    picture: shippedPictures(),
  });
});
afterAll(() => conn.close());

async function readText(uri: string): Promise<{ mimeType: string | undefined; text: string }> {
  const { contents } = await conn.client.readResource({ uri });
  expect(contents).toHaveLength(1);
  const [first] = contents;
  return { mimeType: first?.mimeType, text: first !== undefined && 'text' in first ? first.text : '' };
}

function linksOf(result: unknown): ResourceLink[] {
  const content = (result as { content: { type: string }[] }).content;
  return content.filter((c): c is ResourceLink => c.type === 'resource_link');
}

describe('stack pictures as resources', () => {
  it('lists batuta://stack.svg and batuta://stack.mmd with their MIME types', async () => {
    const { resources } = await conn.client.listResources();
    const byUri = new Map(resources.map((r) => [r.uri, r.mimeType]));
    expect(byUri.get('batuta://stack.svg')).toBe('image/svg+xml');
    expect(byUri.get('batuta://stack.mmd')).toBe('text/vnd.mermaid');
  });

  it('batuta://stack.svg draws every component and integration with nothing overlapping', async () => {
    const { mimeType, text } = await readText('batuta://stack.svg');
    expect(mimeType).toBe('image/svg+xml');
    const picture = parsePicture(text);
    expect(picture.components.map((c) => c.name).sort()).toEqual(
      knowledge.components.map((c) => c.name).sort(),
    );
    expect(picture.integrations).toHaveLength(knowledge.integrations.length);
    expect(overlappingBoxes(picture)).toEqual([]);
    expect(edgesThroughBoxes(picture)).toEqual([]);
    expect((await readText('batuta://stack.svg')).text).toBe(text);
  });

  it('batuta://stack.mmd is the Mermaid flowchart with one arrow per integration', async () => {
    const { mimeType, text } = await readText('batuta://stack.mmd');
    expect(mimeType).toBe('text/vnd.mermaid');
    expect(text).toMatch(/^flowchart BT$/m);
    expect(text.match(/ -->\|/g)).toHaveLength(knowledge.integrations.length);
  });
});

describe('oracle_query links the picture of its answer', () => {
  it('an answer carries one resource link whose SVG shows its primary and supporting components', async () => {
    const result = await conn.client.callTool({
      name: 'oracle_query',
      arguments: { question: 'train on GPU' },
    });
    const links = linksOf(result);
    expect(links).toHaveLength(1);
    const [link] = links;
    expect(link?.mimeType).toBe('image/svg+xml');
    expect(link?.uri).toBe(`batuta://answers/${encodeURIComponent('train on GPU')}.svg`);
    const { mimeType, text } = await readText(link?.uri ?? '');
    expect(mimeType).toBe('image/svg+xml');
    const picture = parsePicture(text);
    expect(picture.components.map((c) => [c.name, c.role]).sort()).toEqual([
      ['aprender', 'primary'],
      ['trueno', 'supporting'],
    ]);
    expect(picture.integrations.map((i) => `${i.from}->${i.to}`)).toEqual(['aprender->trueno']);
  });

  it('the same answer is there as Mermaid, and a question with a comma and a question mark round-trips', async () => {
    const question = 'how do I train, on a GPU?';
    const uri = `batuta://answers/${encodeURIComponent(question)}.mmd`;
    const { text } = await readText(uri);
    expect(text).toContain(`title: "${question}"`);
    expect(text).toContain('c_aprender -->|"compute backend"| c_trueno');
  });

  it('an answer with no primary has no link, and reading its picture is resource-not-found', async () => {
    const result = await conn.client.callTool({
      name: 'oracle_query',
      arguments: { question: 'the weather' },
    });
    expect(linksOf(result)).toEqual([]);
    const uri = `batuta://answers/${encodeURIComponent('the weather')}.svg`;
    await expect(conn.client.readResource({ uri })).rejects.toMatchObject({ code: -32602 });
  });

  it('a question that is not URI-encoded or too short is invalid params', async () => {
    await expect(conn.client.readResource({ uri: 'batuta://answers/%E0%A4%A.svg' })).rejects.toMatchObject({
      code: -32602,
    });
    await expect(conn.client.readResource({ uri: 'batuta://answers/ab.svg' })).rejects.toMatchObject({
      code: -32602,
    });
  });
});
