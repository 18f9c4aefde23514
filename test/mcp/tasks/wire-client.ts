/**
 * A bare 2026-07-28 client for task tests: the SDK client 2.4 refuses a `resultType: "task"` answer to
 * tools/call ("Unsupported result type"), so these requests are written by hand, envelope and routing
 * headers included, as the extension specifies them.
 */
export const TASKS_EXT = 'io.modelcontextprotocol/tasks';

export interface WireAnswer {
  readonly result?: Record<string, unknown>;
  readonly error?: { code: number; message: string; data?: unknown };
}

/** The per-request `_meta` envelope, declaring the tasks extension or not. */
export function envelope(withTasks: boolean): Record<string, unknown> {
  return {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': withTasks ? { extensions: { [TASKS_EXT]: {} } } : {},
    'io.modelcontextprotocol/clientInfo': { name: 'task-test', version: '1.0.0' },
  };
}

/** Sends one 2026-07-28 request to `url` and returns its JSON-RPC answer (JSON or a one-event SSE body). */
export async function modernRequest(
  url: string,
  method: string,
  params: Record<string, unknown>,
  options: { withTasks?: boolean; headers?: Record<string, string> } = {},
): Promise<WireAnswer> {
  const name = typeof params['name'] === 'string' ? params['name'] : params['taskId'];
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'Mcp-Protocol-Version': '2026-07-28',
      'Mcp-Method': method,
      ...(typeof name === 'string' ? { 'Mcp-Name': name } : {}),
      ...options.headers,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method,
      params: { ...params, _meta: envelope(options.withTasks ?? true) },
    }),
  });
  const text = await response.text();
  if (text.startsWith('{')) return JSON.parse(text) as WireAnswer;
  const data = text
    .split('\n')
    .filter((line) => line.startsWith('data:') && line.slice(5).trim() !== '')
    .map((line) => JSON.parse(line.slice(5)) as WireAnswer & { id?: unknown });
  return data.find((message) => message.id !== undefined) ?? {};
}
