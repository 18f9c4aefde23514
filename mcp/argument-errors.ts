/**
 * Tool errors the SDK makes itself. McpServer checks a call's arguments against the tool's input schema
 * before our handler runs, and reports a refusal as a bare tool error: no code in `_meta`, and a message
 * ("Input validation error: Invalid arguments for tool search_docs: k: Too big: ...") that neither starts
 * with the tool's name nor says what to do. Every other tool error comes from `runTool` and carries our
 * code, so a failed CallToolResult without one was made by the SDK: this gives it the code and the one-line
 * form of ours on its way out, for every transport and revision alike. A task call (mcp/tasks) is checked
 * before the SDK sees it; its task ends with the same result, made by `refusedArguments` here.
 */
import type { CallToolResult, JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
import { ERROR_CODE_META } from './tool-result.js';

/** The SDK's wording for a call its input schema refused (SDK 2.4), with the tool's name and the issues. */
const REFUSED_ARGUMENTS = /^(?:Input validation error: )?Invalid arguments for tool ([^:\s]+): (.*)$/s;

/** Makes every tool error `transport` sends carry an error code and a one-line message. */
export function codeSdkToolErrors(transport: Transport): void {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => send(withErrorCode(message), options);
}

/** The message, with a code and our wording when it is a tool error the SDK made; otherwise unchanged. */
export function withErrorCode(message: JSONRPCMessage): JSONRPCMessage {
  if (!('result' in message)) return message;
  const result = message.result as {
    isError?: unknown;
    content?: unknown;
    _meta?: Record<string, unknown>;
  };
  if (result.isError !== true || result._meta?.[ERROR_CODE_META] !== undefined) return message;
  const content = Array.isArray(result.content) ? (result.content as Array<{ text?: unknown }>) : [];
  const said = content.map((block) => (typeof block.text === 'string' ? block.text : '')).join(' ');
  const refused = REFUSED_ARGUMENTS.exec(said.trim());
  const coded =
    refused === null
      ? { content: [{ type: 'text', text: oneLine(said) }], _meta: { [ERROR_CODE_META]: 'INTERNAL' } }
      : refusedArguments(refused[1]!, refused[2]!);
  return { ...message, result: { ...result, ...coded, _meta: { ...result._meta, ...coded._meta } } };
}

/** An argument issue as a schema reports it: where (a path of keys) and what. */
export interface ArgumentIssue {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

/** The issues in the SDK's words: `path: message` (or the bare message), comma-separated. */
export function describeIssues(issues: readonly ArgumentIssue[]): string {
  return issues
    .map((issue) =>
      issue.path.length === 0 ? issue.message : `${issue.path.map(String).join('.')}: ${issue.message}`,
    )
    .join(', ');
}

/**
 * The tool error for a call whose arguments `tool`'s input schema refused: code INVALID_INPUT and one line
 * naming the arguments at fault. A plain call gets it from the SDK's refusal, a task call (mcp/tasks) as
 * the result of its task, so both read the same.
 */
export function refusedArguments(tool: string, issues: string): CallToolResult {
  const text = `${tool}: invalid arguments: ${issues} (fix the call to match the tool's inputSchema in tools/list)`;
  return {
    content: [{ type: 'text', text: oneLine(text) }],
    isError: true,
    _meta: { [ERROR_CODE_META]: 'INVALID_INPUT' },
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
