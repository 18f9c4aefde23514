/**
 * translate_file: hands an agent the brief of one source file that migration_transpile (by "agent") left
 * pending, and says how to hand the Rust back.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { MigrationDeps } from '../deps.js';
import type { AllowedRoots } from '../roots.js';

const argsSchema = {
  path: z.string().min(1).describe('Project folder, relative to the server root, e.g. "."'),
  source: z.string().min(1).describe('Source file to translate, relative to the project, e.g. "app/main.py"'),
};

/** Registers translate_file. */
export function registerTranslateFilePrompt(
  server: McpServer,
  migration: MigrationDeps,
  roots: AllowedRoots,
): void {
  server.registerPrompt(
    'translate_file',
    {
      title: 'Translate one file to Rust',
      description: 'The brief of a source file waiting for its Rust translation, and how to submit it',
      argsSchema,
    },
    async (args) => {
      const brief = await migration.brief(roots.resolve(args.path, 'path'), args.source);
      const text = `${brief.brief}
---
Write the complete ${brief.file} for ${brief.source} as the brief says, then call migration_submit_translation \
with path "${args.path}", source "${brief.source}" and the code. Fix every error it reports and submit again. \
When no file is left waiting, call migration_transpile on "${args.path}" (it accepts the translations), then \
migration_optimize and migration_validate, which runs both programs on the validation cases and names the first \
line that differs.`;
      return {
        description: `Translate ${brief.source} to Rust`,
        messages: [{ role: 'user', content: { type: 'text', text } }],
      };
    },
  );
}
