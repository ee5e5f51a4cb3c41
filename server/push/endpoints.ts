/**
 * The browsers' own push services. A subscription naming any other address is refused, so nobody can
 * make Posko send requests to an address of their choosing; more services come from POSKO_PUSH_ORIGINS.
 */
const PUSH_SERVICE_HOSTS = [
  /^fcm\.googleapis\.com$/,
  /^android\.googleapis\.com$/,
  /(^|\.)push\.services\.mozilla\.com$/,
  /(^|\.)notify\.windows\.com$/,
  /(^|\.)push\.apple\.com$/,
];

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether Posko may send to this endpoint: https to a known push service, or one of the configured origins. */
export function pushEndpointAllowed(endpoint: string, extraOrigins: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (extraOrigins.some((origin) => originMatches(url, origin))) return true;
  return url.protocol === 'https:' && url.port === '' && PUSH_SERVICE_HOSTS.some((host) => host.test(url.hostname));
}

function originMatches(url: URL, origin: string): boolean {
  let allowed: URL;
  try {
    allowed = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== allowed.origin) return false;
  // Plain http only to this machine (a stand-in push service in tests and development).
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
}
