import { describe, expect, it } from 'vitest';
import { toToolHints } from '../../mcp/cli-hints.js';
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

describe('CLI hints become tool hints', () => {
  it.each([
    [
      'no component named "truno" (did you mean trueno? or see batuta oracle --list)',
      'or see list_components)',
    ],
    ['(see batuta oracle --list-capabilities trueno)', '(see get_component)'],
    [
      'phase plan has not run (run "batuta plan PROJECT" first)',
      '(call migration_plan on the same path first)',
    ],
    ['not indexed (run "batuta index DIR --name notes")', '(call index_collection)'],
    [
      'has no vectors (run "batuta index /srv/notes" without --no-dense to add them)',
      '(call index_collection with folder "/srv/notes" to add them)',
    ],
    [
      'search: --mode dense needs the dense leg (use --mode bm25)',
      'mode "dense" needs the dense leg (use mode "bm25")',
    ],
    ['no readable documents (see what is skipped and why with "batuta index /d --dry-run")', 'include'],
    ['is not a batuta index (choose another --db path)', 'BATUTA_DB'],
    ['--integrations needs two different components', 'from and to need two different components'],
  ])('%s', (message, expected) => {
    expect(toToolHints(message)).toContain(expected);
    expect(toToolHints(message)).not.toMatch(/"batuta |--[a-z]/);
  });

  it('leaves other text alone', () => {
    expect(toToolHints('lines 9-2 is not a range')).toBe('lines 9-2 is not a range');
  });
});
