/**
 * Tool errors the SDK makes itself. McpServer checks a call's arguments against the tool's input schema
 * before our handler runs, and reports a refusal as a bare tool error: no code in `_meta`, and a message
 * ("Input validation error: Invalid arguments for tool search_docs: k: Too big: ...") that neither starts
 * with the tool's name nor says what to do. Every other tool error comes from `runTool` and carries our
 * code, so a failed CallToolResult without one was made by the SDK: this gives it the code and the one-line
 * form of ours on its way out, for every transport and revision alike.
 */
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
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
  const code = refused === null ? 'INTERNAL' : 'INVALID_INPUT';
  const text =
    refused === null
      ? said
      : `${refused[1]}: invalid arguments: ${refused[2]} (fix the call to match the tool's inputSchema in tools/list)`;
  return {
    ...message,
    result: {
      ...result,
      content: [{ type: 'text', text: text.replace(/\s*\n\s*/g, ' ') }],
      _meta: { ...result._meta, [ERROR_CODE_META]: code },
    },
  };
}
