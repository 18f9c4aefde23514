/**
 * batuta://migrations/{id}: the migration state of a project as JSON. The id is the project folder
 * relative to the server's first root, URL-encoded, with "~" for the root itself (a "." would vanish in
 * URL normalisation), so it reads like the path a model passes to the migration tools and is checked
 * against the allowed roots the same way.
 */
import { relative } from 'node:path';
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import type { MigrationDeps } from '../deps.js';
import type { AllowedRoots } from '../roots.js';
import { decodeUriPart, readResource } from './read-error.js';

/** The id of the first root's own migration. */
export const ROOT_ID = '~';

/** The resource URI of a project's migration state. */
export function migrationUri(roots: AllowedRoots, root: string): string {
  const id = relative(roots.paths[0]!, root) || ROOT_ID;
  return `batuta://migrations/${encodeURIComponent(id)}`;
}

/** Registers the migrations resource template; listing shows the roots with a migration under way. */
export function registerMigrationResources(
  server: McpServer,
  migration: MigrationDeps,
  roots: AllowedRoots,
): void {
  const template = new ResourceTemplate('batuta://migrations/{id}', {
    list: async () => {
      const started = [];
      for (const root of roots.paths) {
        const status = await migration.status(root).catch(() => null);
        if (status === null || status.phases.every((p) => p.status === 'pending')) continue;
        started.push({
          uri: migrationUri(roots, root),
          name: root,
          title: `Migration of ${root}`,
          description: status.next === null ? 'every phase passed' : `next phase: ${status.next}`,
          mimeType: 'application/json',
        });
      }
      return { resources: started };
    },
  });
  server.registerResource(
    'migration',
    template,
    {
      title: 'Migration state',
      description:
        'Every phase of a project migration with its status, failure reason and files written, as JSON',
      mimeType: 'application/json',
    },
    (uri, variables) =>
      readResource(uri.href, async () => {
        const id = decodeUriPart(String(variables['id'] ?? ''), 'migration id');
        const root = roots.resolve(id === ROOT_ID ? '.' : id, 'migration id');
        const status = await migration.status(root);
        return {
          contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(status, null, 2) }],
        };
      }),
  );
}
