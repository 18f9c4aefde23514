/**
 * The code and wording given to tool errors the SDK makes itself (argument-errors.ts); the end-to-end
 * suite (argument-errors-e2e.test.ts) drives it through the real server on every transport.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { withErrorCode } from '../../mcp/argument-errors.js';
import { ERROR_CODE_META } from '../../mcp/tool-result.js';

const answer = (result: Record<string, unknown>): JSONRPCMessage =>
  ({ jsonrpc: '2.0', id: 7, result }) as JSONRPCMessage;
const sdkError = (text: string) => answer({ content: [{ type: 'text', text }], isError: true });

interface ToolErrorAnswer {
  readonly result: { content: { text: string }[]; _meta: Record<string, unknown> };
}
/** The answer withErrorCode sends, read as a tool error. */
const rewritten = (message: JSONRPCMessage) => withErrorCode(message) as unknown as ToolErrorAnswer;

describe('withErrorCode', () => {
  it('gives a refused call INVALID_INPUT and one line that starts with the tool and names the fix', () => {
    const out = rewritten(
      sdkError(
        'Input validation error: Invalid arguments for tool search_docs: k: Too big,\nmode: Invalid option',
      ),
    );
    expect(out.result._meta[ERROR_CODE_META]).toBe('INVALID_INPUT');
    expect(out.result.content).toHaveLength(1);
    expect(out.result.content[0]?.text).toMatch(
      /^search_docs: invalid arguments: k: Too big, mode: .*tools\/list\)$/,
    );
  });

  it('gives any other error the SDK made INTERNAL and keeps its words', () => {
    const text =
      'Output validation error: Tool x has an output schema but no structured content was provided';
    const out = rewritten(sdkError(text));
    expect(out.result._meta).toEqual({ [ERROR_CODE_META]: 'INTERNAL' });
    expect(out.result.content[0]?.text).toBe(text);
  });

  it('leaves our own tool errors, successes, requests and notifications alone', () => {
    const ours = answer({
      content: [{ type: 'text', text: 'get_component: no component "x"' }],
      isError: true,
      _meta: { [ERROR_CODE_META]: 'NOT_FOUND' },
    });
    const success = answer({ content: [{ type: 'text', text: 'ok' }] });
    const request = { jsonrpc: '2.0', id: 1, method: 'ping' } as JSONRPCMessage;
    for (const message of [ours, success, request]) expect(withErrorCode(message)).toBe(message);
  });
});
