/**
 * oracle_query: the front door. A natural-language question in, a recommended stack (primary component,
 * supporting ones, integration path, compute backend, citations) out.
 */
import type { McpServer, ResourceLink } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { OracleDeps } from '../deps.js';
import { ICONS } from '../icons.js';
import { answerPictureUri } from '../resources/pictures.js';
import { type Recommendation, RecommendationSchema } from '../schemas.js';
import { type Logger, runTool } from '../tool-result.js';

const inputSchema = {
  question: z
    .string()
    .trim()
    .min(3)
    .max(2000)
    .describe('The question in plain words, e.g. "How do I train a model on GPU and serve it?"'),
};

const outputSchema = RecommendationSchema;

/** The picture of an answer that has one: its primary, supporting components and integrations as SVG. */
function pictureLink(r: Recommendation): ResourceLink[] {
  if (r.primary === null) return [];
  return [
    {
      type: 'resource_link',
      uri: answerPictureUri(r.query),
      name: 'answer.svg',
      title: `Picture of the answer: ${r.primary.component} and the components around it`,
      description:
        'SVG: the primary and supporting components in their layers and the integrations between them',
      mimeType: 'image/svg+xml',
    },
  ];
}

/** Registers oracle_query; `pictures` says whether the answer pictures are served (then each answer links its own). */
export function registerOracleQueryTool(
  server: McpServer,
  oracle: OracleDeps,
  log: Logger,
  pictures: boolean,
): void {
  server.registerTool(
    'oracle_query',
    {
      title: 'Ask the oracle',
      description:
        'Ask which Sovereign AI Stack components to use for a task. Returns the primary component with its ' +
        'confidence and rationale, supporting components, the integrations between them, the compute backend ' +
        '(scalar, SIMD, GPU, distributed) and citations into the specs, with a link to a picture of the answer. ' +
        'Call this first for open questions.',
      inputSchema,
      outputSchema,
      icons: ICONS.oracle,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      runTool('oracle_query', log, outputSchema, async () => {
        const recommendation = await oracle.recommend(args.question);
        const links = pictures ? pictureLink(recommendation) : [];
        return { structured: recommendation, text: describeRecommendation(recommendation), links };
      }),
  );
}

/** A short readable answer; the structured content carries the details. */
export function describeRecommendation(r: Recommendation): string {
  if (r.primary === null) {
    return `No stack component matches "${r.query}". Try naming the task (train, serve, transpile, search) or call list_components.`;
  }
  const lines = [
    `Primary: ${r.primary.component} (confidence ${r.primary.confidence.toFixed(2)}): ${r.primary.rationale}`,
    ...r.supporting.map((s) => `Supporting: ${s.component} (${s.confidence.toFixed(2)}): ${s.rationale}`),
  ];
  if (r.compute !== null) lines.push(`Compute: ${r.compute.backend}: ${r.compute.rationale}`);
  for (const i of r.integrations) lines.push(`Integration: ${i.from} -> ${i.to} (${i.pattern})`);
  if (r.example !== null) lines.push(`Example: recipe ${r.example.recipe} (${r.example.problem})`);
  for (const c of r.citations) {
    lines.push(
      `Source: batuta://docs/${c.collection}/${c.source}?lines=${c.lines[0]}-${c.lines[1]} (${c.heading})`,
    );
  }
  return lines.join('\n');
}
