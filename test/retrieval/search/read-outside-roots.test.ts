/**
 * A document of a collection indexed from a folder outside the MCP server's allowed roots (the CLI indexed it
 * from elsewhere): search finds it, so the refusal to read it names the folder to add as a root, not "use a
 * path inside" the roots, which the reader of a search result cannot do.
 */
import { mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocumentFile, storedDocumentText } from '../../../src/retrieval/search/source.js';
import { tempDir } from '../../temp-dirs.js';

const home = realpathSync(tempDir('batuta-read-roots-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'kiln-notes');
const project = join(home, 'project');
mkdirSync(folder);
mkdirSync(project);
writeFileSync(join(folder, 'FAQ'), 'Fire slowly.\n');

describe('reading a document outside the allowed roots', () => {
  it('names the collection folder to start the server with', async () => {
    const refused = readDocumentFile(folder, 'kiln-notes', 'FAQ', [project]);
    await expect(refused).rejects.toMatchObject({ code: 'OUTSIDE_ROOTS' });
    await expect(refused).rejects.toThrow(
      `search: document "FAQ" of "kiln-notes" is outside the allowed roots ("${project}"): start batuta mcp with --root "${folder}" (the collection's folder) to read it`,
    );
    await expect(
      storedDocumentText(folder, 'kiln-notes', 'FAQ', 'Fire slowly.\n', [project]),
    ).rejects.toThrow(`--root "${folder}"`);
    expect((await readDocumentFile(folder, 'kiln-notes', 'FAQ', [home])).text).toBe('Fire slowly.\n');
  });

  it('a link leading out of the roots is still refused as a link', async () => {
    symlinkSync(folder, join(project, 'linked'));
    await expect(readDocumentFile(join(project, 'linked'), 'kiln-notes', 'FAQ', [project])).rejects.toThrow(
      /is a symlink to a place outside/,
    );
  });
});
