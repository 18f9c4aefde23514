/**
 * batuta://components/{name}: each component as a readable markdown page, listed so a client can offer
 * them as context and completed by name.
 */
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import type { GraphDeps } from '../deps.js';
import { describeComponent } from '../tools/get-component.js';
import { decodeUriPart, readResource } from './read-error.js';

/** URI of a component's resource. */
export function componentUri(name: string): string {
  return `batuta://components/${encodeURIComponent(name)}`;
}

/** Registers the components resource template. */
export function registerComponentResources(server: McpServer, graph: GraphDeps): void {
  const template = new ResourceTemplate('batuta://components/{name}', {
    list: () => ({
      resources: graph.listComponents().map((c) => ({
        uri: componentUri(c.name),
        name: c.name,
        title: `${c.display} ${c.version}`,
        description: c.summary,
        mimeType: 'text/markdown',
      })),
    }),
    complete: {
      name: (value) =>
        graph
          .listComponents()
          .map((c) => c.name)
          .filter((name) => name.startsWith(value.toLowerCase())),
    },
  });
  server.registerResource(
    'component',
    template,
    {
      title: 'Stack component',
      description: 'One component of the Sovereign AI Stack in full, as markdown',
      mimeType: 'text/markdown',
    },
    (uri, variables) =>
      readResource(uri.href, () => {
        const name = decodeUriPart(String(variables['name'] ?? ''), 'name');
        const component = graph.getComponent(name);
        return {
          contents: [{ uri: uri.href, mimeType: 'text/markdown', text: describeComponent(component) }],
        };
      }),
  );
}
