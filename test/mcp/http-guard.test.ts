import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowedAddresses, checkRequest } from '../../mcp/http-guard.js';

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('http guard', () => {
  it('accepts the loopback names on the bound port, and a specific bound address', () => {
    expect(allowedAddresses('127.0.0.1', 8808).allowedHosts).toEqual([
      '127.0.0.1:8808',
      'localhost:8808',
      '[::1]:8808',
    ]);
    expect(allowedAddresses('192.168.1.5', 80).allowedHosts).toContain('192.168.1.5:80');
    expect(allowedAddresses('::1', 9000).allowedHosts[0]).toBe('[::1]:9000');
    expect(allowedAddresses('0.0.0.0', 9000).allowedHosts).not.toContain('0.0.0.0:9000');
    expect(allowedAddresses('127.0.0.1', 8808).allowedOrigins).toContain('http://localhost:8808');
  });

  it("accepts the names --allow-host gives, bare and on the bound port, and a wildcard bind's own addresses", () => {
    const behindBalancer = allowedAddresses('0.0.0.0', 8808, {
      names: ['batuta.example.com', 'Batuta-1:9443', '10.1.2.3'],
      localAddresses: ['192.0.2.2', 'fe80::1'],
    });
    expect(behindBalancer.allowedHosts).toEqual(
      expect.arrayContaining([
        'batuta.example.com',
        'batuta.example.com:8808',
        'batuta-1:9443',
        '10.1.2.3',
        '10.1.2.3:8808',
        '192.0.2.2:8808',
        '[fe80::1]:8808',
        '127.0.0.1:8808',
      ]),
    );
    expect(behindBalancer.allowedHosts).not.toContain('batuta-1:8808');
    expect(behindBalancer.allowedOrigins).toContain('https://batuta.example.com');
    const options = { ...behindBalancer, token: 'secret-token' };
    const ok = { authorization: 'Bearer secret-token' };
    expect(checkRequest(request({ ...ok, host: 'batuta.example.com' }), options)).toBeNull();
    expect(checkRequest(request({ ...ok, host: '192.0.2.2:8808' }), options)).toBeNull();
    expect(checkRequest(request({ ...ok, host: 'evil.test' }), options)?.status).toBe(403);
    expect(
      checkRequest(request({ ...ok, host: 'batuta.example.com', origin: 'https://evil.test' }), options)
        ?.status,
    ).toBe(403);
    const specific = allowedAddresses('192.168.1.5', 8808, { names: [], localAddresses: ['192.0.2.2'] });
    expect(specific.allowedHosts).not.toContain('192.0.2.2:8808');
  });

  it('checks Host, then Origin, then the token', () => {
    const options = { ...allowedAddresses('127.0.0.1', 8808), token: 'secret-token' };
    const ok = { host: '127.0.0.1:8808', authorization: 'Bearer secret-token' };
    expect(checkRequest(request(ok), options)).toBeNull();
    expect(checkRequest(request({ ...ok, host: 'LOCALHOST:8808' }), options)).toBeNull();
    expect(checkRequest(request({ ...ok, host: 'evil.test:8808' }), options)?.status).toBe(403);
    expect(checkRequest(request({ authorization: ok.authorization }), options)?.status).toBe(403);
    expect(checkRequest(request({ ...ok, origin: 'https://evil.test' }), options)?.status).toBe(403);
    expect(checkRequest(request({ ...ok, origin: 'http://127.0.0.1:8808' }), options)).toBeNull();
    expect(checkRequest(request({ ...ok, authorization: 'Bearer secret-tokenX' }), options)?.status).toBe(
      401,
    );
    expect(checkRequest(request({ ...ok, authorization: 'Basic c2VjcmV0' }), options)?.status).toBe(401);
    expect(checkRequest(request({ host: ok.host }), options)?.headers?.['WWW-Authenticate']).toMatch(
      /^Bearer/,
    );
    expect(checkRequest(request({ host: ok.host }), { ...options, token: null })).toBeNull();
  });

  it('refuses a page of another local server and names the origin that may call', () => {
    const options = { ...allowedAddresses('127.0.0.1', 8808), token: null };
    const refused = checkRequest(
      request({ host: '127.0.0.1:8808', origin: 'http://localhost:3000' }),
      options,
    );
    expect(refused?.status).toBe(403);
    expect(refused?.message).toContain('http://127.0.0.1:8808');
  });
});
