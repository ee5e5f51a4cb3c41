import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { API_TOKEN_READ_ONLY } from '../lib/api-tokens';

/** The header through which the custom server tells route handlers the caller's address. */
export const CLIENT_ADDRESS_HEADER = 'x-posko-client-address';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a request was addressed to, as a browser on the same site would name it. */
function ownOrigin(req: IncomingMessage): string | null {
  const host = req.headers.host;
  if (!host) return null;
  const tls = 'encrypted' in req.socket && req.socket.encrypted;
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = tls || forwarded === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

/**
 * Browsers name the page that sent a request in `Origin`. A request from another site's page is
 * refused; one without Origin (curl, another agency's system) is not a browser's and carries no
 * ambient cookie risk, unless Sec-Fetch-Site says it came from another site.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) {
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  }
  return origin === ownOrigin(req) || allowed.includes(origin);
}

/**
 * The caller's address: the socket's peer, or — when that peer is a trusted reverse proxy — the address
 * the proxy names in X-Real-IP (nginx sets it from its own peer; a client cannot forge it past the proxy).
 */
export function clientAddress(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!trustedProxies.includes(normalAddress(peer))) return peer;
  const named = req.headers['x-real-ip'];
  return typeof named === 'string' && isIP(named.trim()) ? named.trim() : peer;
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) → `127.0.0.1`. */
const normalAddress = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

export function isStateChanging(req: IncomingMessage): boolean {
  return !SAFE_METHODS.has(req.method ?? 'GET');
}

/**
 * A fresh CSP per response. Next.js reads the nonce from the request's CSP header and puts it on its
 * scripts; Leaflet positions everything with inline styles, hence style-src 'unsafe-inline'.
 */
export function contentSecurityPolicy({
  nonce,
  dev,
  tileOrigin,
}: {
  nonce: string;
  dev: boolean;
  tileOrigin?: string;
}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tileOrigin ? ` ${tileOrigin}` : ''}`,
    "font-src 'self'",
    "connect-src 'self'",
    // The field app's service worker (script-src's 'strict-dynamic' would otherwise refuse it).
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Everything the custom server does to a request before Next.js or Socket.IO sees it: it records the
 * caller's address, sets security headers and the CSP, and refuses changes sent from other sites.
 * Returns false when it has answered the request itself.
 */
export function guardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  {
    allowedOrigins,
    trustedProxies = [],
    dev,
    tileOrigin,
  }: { allowedOrigins: readonly string[]; trustedProxies?: readonly string[]; dev: boolean; tileOrigin?: string },
): boolean {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, trustedProxies);

  const nonce = randomBytes(16).toString('base64');
  const csp = contentSecurityPolicy({ nonce, dev, tileOrigin });
  req.headers['content-security-policy'] = csp;
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // Activation links carry a secret in the path: never send the URL to another site.
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'geolocation=(self), camera=(), microphone=()');

  if (isStateChanging(req) && !originAllowed(req, allowedOrigins)) {
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        error: 'Permintaan dari situs lain ditolak. Buka Posko langsung dari alamatnya.',
        code: 'FORBIDDEN',
      }),
    );
    return false;
  }
  // API tokens only read: a change carrying one is refused here, whichever route it is addressed to.
  if (isStateChanging(req) && /^Bearer\s/i.test(req.headers.authorization ?? '')) {
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        error: API_TOKEN_READ_ONLY,
        code: 'FORBIDDEN',
      }),
    );
    return false;
  }
  return true;
}
