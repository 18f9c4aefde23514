/**
 * STYLE.md: every zod field has .describe(), since a model reads the schema. The migration layer's
 * results (the plan above all, the same over the CLI and MCP) are walked field by field, nested ones included.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnalysisSchema, PhaseResultSchema, PlanSchema, StatusSchema } from '../../src/migration/types.js';

type Json = {
  description?: string;
  properties?: Record<string, Json>;
  items?: Json;
  anyOf?: Json[];
  additionalProperties?: Json | boolean;
};

/** The dotted paths of properties without a description, at any depth. */
function undescribed(schema: Json, at = ''): string[] {
  const nested = [
    ...(schema.items ? undescribed(schema.items, `${at}[]`) : []),
    ...(schema.anyOf ?? []).flatMap((option) => undescribed(option, at)),
  ];
  const own = Object.entries(schema.properties ?? {}).flatMap(([name, field]) => [
    ...(field.description ? [] : [`${at}.${name}`]),
    ...undescribed(field, `${at}.${name}`),
  ]);
  return [...own, ...nested];
}

describe('migration result schemas', () => {
  it.each([
    ['plan', PlanSchema],
    ['analysis', AnalysisSchema],
    ['phase result', PhaseResultSchema],
    ['status', StatusSchema],
  ] as const)('%s: every field is described', (_, schema) => {
    expect(undescribed(z.toJSONSchema(schema, { io: 'input' }) as Json)).toEqual([]);
  });
});
