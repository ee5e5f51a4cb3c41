import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { renderNginxConfig } from '../../../server/cluster/nginx';
import { parseEnv } from '../../../server/env';
import { clientAddress } from '../../../server/security';

const request = (peer: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress: peer }, headers }) as unknown as IncomingMessage;

describe('behind a reverse proxy', () => {
  it('counts a request under the address the trusted proxy names, and ignores the header from anyone else', () => {
    const trusted = ['127.0.0.1'];
    expect(clientAddress(request('127.0.0.1', { 'x-real-ip': '203.0.113.7' }), trusted)).toBe('203.0.113.7');
    expect(clientAddress(request('::ffff:127.0.0.1', { 'x-real-ip': '203.0.113.7' }), trusted)).toBe('203.0.113.7');
    // A caller reaching Posko directly cannot pick the address its sign-in attempts count under.
    expect(clientAddress(request('198.51.100.4', { 'x-real-ip': '203.0.113.7' }), trusted)).toBe('198.51.100.4');
    expect(clientAddress(request('127.0.0.1', { 'x-real-ip': 'bukan alamat' }), trusted)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1', { 'x-real-ip': '203.0.113.7' }), [])).toBe('127.0.0.1');
  });

  it('reads the trusted proxies and the process name from the environment, and refuses bad ones', () => {
    const env = parseEnv({ NODE_ENV: 'test', POSKO_TRUSTED_PROXIES: '127.0.0.1, ::1', POSKO_NODE_ID: 'b' });
    expect(env.POSKO_TRUSTED_PROXIES).toEqual(['127.0.0.1', '::1']);
    expect(env.POSKO_NODE_ID).toBe('b');
    expect(() => parseEnv({ NODE_ENV: 'test', POSKO_TRUSTED_PROXIES: 'localhost' })).toThrow(/POSKO_TRUSTED_PROXIES/);
    expect(() => parseEnv({ NODE_ENV: 'test', POSKO_NODE_ID: 'Proses A' })).toThrow(/POSKO_NODE_ID/);
  });

  it('renders nginx.conf with one sticky upstream per process that falls back to the others', () => {
    const config = renderNginxConfig({
      listen: '127.0.0.1:8080',
      prefix: '/tmp/posko-nginx',
      upstreams: [
        { id: 'a', port: 4001 },
        { id: 'b', port: 4002 },
      ],
    });
    expect(config).toContain('listen 127.0.0.1:8080;');
    expect(config).toMatch(
      /upstream posko_a \{\s+server 127\.0\.0\.1:4001 [^;]*;\s+server 127\.0\.0\.1:4002 [^;]* backup;/,
    );
    expect(config).toMatch(/map \$cookie_posko_node \$posko_backend \{\s+default posko_any;\s+a posko_a;\s+b posko_b;/);
    expect(config).not.toContain('{{');
  });
});
