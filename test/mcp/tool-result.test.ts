import { describe, expect, it } from 'vitest';
import { ERROR_CODE_META, toolError } from '../../mcp/tool-result.js';
import { InvalidInputError, NotFoundError } from '../../src/index.js';

describe('tool errors', () => {
  it('carry the error code and one line prefixed with the tool name', () => {
    const logs: string[] = [];
    const result = toolError(
      'get_component',
      (line) => logs.push(line),
      new NotFoundError('no component named "x"'),
    );
    expect(result).toMatchObject({ isError: true, _meta: { [ERROR_CODE_META]: 'NOT_FOUND' } });
    expect(result.content).toEqual([{ type: 'text', text: 'get_component: no component named "x"' }]);
    expect(logs).toEqual([]);
  });

  it('log unexpected errors with their stack and report them as INTERNAL', () => {
    const logs: string[] = [];
    const result = toolError('search_docs', (line) => logs.push(line), new TypeError('boom'));
    expect(result._meta).toEqual({ [ERROR_CODE_META]: 'INTERNAL' });
    expect(result.content[0]).toMatchObject({ text: 'search_docs: internal error: boom' });
    expect(logs[0]).toContain('TypeError: boom');
  });

  it('do not repeat a prefix the message already has', () => {
    const result = toolError('index', () => {}, new InvalidInputError('index: folder is empty'));
    expect(result.content[0]).toMatchObject({ text: 'index: folder is empty' });
  });
});
