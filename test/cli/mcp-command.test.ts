import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseMcpFlags } from '../../src/cli/mcp-command.js';
import { BatutaError } from '../../src/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'dist/src/cli/main.js');
const io = { env: {}, cwd: '/project' };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof BatutaError ? error.code : 'OTHER';
  }
}

describe('batuta mcp flags', () => {
  it('defaults to stdio with the current folder as the only root', () => {
    expect(parseMcpFlags([], io)).toEqual({
      http: false,
      host: '127.0.0.1',
      port: 8808,
      token: null,
      allowUnauthenticated: false,
      allowHosts: [],
      maxBodyBytes: 1_048_576,
      roots: ['/project'],
      db: expect.stringMatching(/batuta\/index\.db$/),
    });
  });

  it('reads HTTP flags, repeated roots, and the token from the environment', () => {
    const flags = parseMcpFlags(['--http', '--port', '0', '--root', 'a', '--root', '/b'], {
      env: { BATUTA_MCP_TOKEN: 'abcdefgh12', BATUTA_DB: '/tmp/x.db' },
      cwd: '/project',
    });
    expect(flags).toMatchObject({
      http: true,
      port: 0,
      token: 'abcdefgh12',
      roots: ['a', '/b'],
      db: '/tmp/x.db',
    });
    expect(
      parseMcpFlags(['--http', '--token', 'fromflag99'], {
        env: { BATUTA_MCP_TOKEN: 'abcdefgh12' },
        cwd: '/',
      }),
    ).toMatchObject({ token: 'fromflag99' });
  });

  it('reads the Host names to accept from repeated --allow-host, HTTP only', () => {
    expect(
      parseMcpFlags(['--http', '--allow-host', 'Batuta.Example.com', '--allow-host', '10.0.0.5:8808'], io),
    ).toMatchObject({ allowHosts: ['batuta.example.com', '10.0.0.5:8808'] });
    expect(parseMcpFlags(['--http', '--allow-host', '[fd00::5]:8808'], io)).toMatchObject({
      allowHosts: ['[fd00::5]:8808'],
    });
    expect(() => parseMcpFlags(['--allow-host', 'batuta.example.com'], io)).toThrow(/add --http/);
    for (const bad of ['http://batuta.example.com', 'a b', 'host:99999', '']) {
      expect(() => parseMcpFlags(['--http', '--allow-host', bad], io)).toThrow(
        `--allow-host "${bad}" is not a host name`,
      );
    }
  });

  it('rejects bad usage with INVALID_INPUT', () => {
    expect(codeOf(() => parseMcpFlags(['--port', '80'], io))).toBe('INVALID_INPUT');
    expect(codeOf(() => parseMcpFlags(['--http', '--port', '70000'], io))).toBe('INVALID_INPUT');
    expect(codeOf(() => parseMcpFlags(['--http', '--port', 'abc'], io))).toBe('INVALID_INPUT');
    for (const port of ['-1', '-8808']) {
      expect(() => parseMcpFlags(['--http', '--port', port], io)).toThrow(
        `--port "${port}" is out of range (give a whole number from 0 to 65535)`,
      );
    }
    expect(() => parseMcpFlags(['--http', '--max-body', '-5'], io)).toThrow(
      /--max-body "-5" is out of range/,
    );
    expect(codeOf(() => parseMcpFlags(['--http', '--token', 'short'], io))).toBe('INVALID_INPUT');
    expect(codeOf(() => parseMcpFlags(['--bogus'], io))).toBe('INVALID_INPUT');
    expect(codeOf(() => parseMcpFlags(['--allow-unauthenticated'], io))).toBe('INVALID_INPUT');
    expect(codeOf(() => parseMcpFlags(['stray'], io))).toBe('INVALID_INPUT');
    expect(parseMcpFlags(['--help'], io)).toBe('help');
  });
});

describe('batuta mcp through the built CLI', () => {
  const run = promisify(execFile);

  it('prints help on stdout', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'mcp', '--help']);
    expect(stdout).toContain('batuta mcp');
    expect(stdout).toContain('--token');
  });

  it('exits 2 with one line on stderr for bad flags or a missing root', async () => {
    for (const args of [
      ['--port', '9000'],
      ['--root', resolve(ROOT, 'no-such-folder')],
    ]) {
      const failure = await run(process.execPath, [BIN, 'mcp', ...args]).then(
        () => null,
        (error: { code: number; stderr: string; stdout: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stdout).toBe('');
      expect(failure?.stderr.trim().split('\n')).toHaveLength(1);
      expect(failure?.stderr).toMatch(/^batuta mcp: /);
    }
  });

  it('names the port and its range for a negative port', async () => {
    const failure = await run(process.execPath, [BIN, 'mcp', '--http', '--port', '-1']).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toBe(
      'batuta mcp: --port "-1" is out of range (give a whole number from 0 to 65535)\n',
    );
  });
});
