/**
 * The error convention of every tool: a handler returns a value or throws; this turns either into a
 * CallToolResult. Expected failures (a BatutaError) become a tool error the model can act on, with the
 * error code in `_meta` so clients and tests can switch on it; anything else is logged and reported as
 * an internal error. Nothing a tool throws reaches the transport, so no call can take the server down.
 */
import type { CallToolResult, ResourceLink } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import { BatutaError } from '../src/errors.js';
import { FIXES_META, toolCalls, toolErrorText } from './fixes.js';

/** Key of the error code in a failed tool result's `_meta`. */
export const ERROR_CODE_META = 'batuta/errorCode';

/** What a tool handler produces: the structured answer (matching its outputSchema) and a readable text. */
export interface ToolOutput<T extends Record<string, unknown>> {
  readonly structured: T;
  readonly text: string;
  /** Resources the answer points to, sent as resource_link content after the text. */
  readonly links?: readonly ResourceLink[];
}

/** Writes a line to the server's log (stderr); never to stdout, which belongs to the protocol. */
export type Logger = (line: string) => void;

/**
 * Runs one tool handler and converts its outcome, success or failure, into a CallToolResult. The
 * structured answer is parsed with the tool's output schema (built once per tool: zod compiles a schema
 * on its first parse), which drops fields the contract does not declare, so a client validating against
 * the advertised outputSchema never sees a surprise.
 */
export async function runTool<T extends Record<string, unknown>>(
  tool: string,
  log: Logger,
  output: z.ZodType,
  handler: () => Promise<ToolOutput<T>> | ToolOutput<T>,
): Promise<CallToolResult> {
  try {
    const answer = await handler();
    const structuredContent = output.parse(answer.structured) as Record<string, unknown>;
    return { content: [{ type: 'text', text: answer.text }, ...(answer.links ?? [])], structuredContent };
  } catch (error) {
    return toolError(tool, log, error);
  }
}

/**
 * A failed call: one line saying what was wrong and how to fix it in tool terms, the error code in `_meta`,
 * and the fixes that are calls (tool and arguments) in `_meta` too when the error names any.
 */
export function toolError(tool: string, log: Logger, error: unknown): CallToolResult {
  const code = error instanceof BatutaError ? error.code : 'INTERNAL';
  if (!(error instanceof BatutaError)) {
    log(`${tool}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const message = toolErrorText(error);
  const text = message.startsWith(`${tool}:`) ? message : `${tool}: ${message}`;
  const fixes = toolCalls(error, tool);
  const meta = { [ERROR_CODE_META]: code, ...(fixes.length > 0 ? { [FIXES_META]: fixes } : {}) };
  return { content: [{ type: 'text', text }], isError: true, _meta: meta };
}
