import { withSerwist } from '@serwist/turbopack';
import createNextIntlPlugin from 'next-intl/plugin';

/** Pages read their language and wording through next-intl; its request configuration lives with the app. */
const withNextIntl = createNextIntlPlugin({
  requestConfig: './app/_i18n/request.ts',
  experimental: { messages: { path: './lib/messages', format: 'json', locales: ['id', 'en'], precompile: true } },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers and Socket.IO live in the custom server process; route handlers reach them
  // through the shared application context, so Next must not bundle a second copy.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'proper-lockfile', 'socket.io', 'pino', 'prom-client'],
  poweredByHeader: false,
  reactStrictMode: true,
};

// withSerwist keeps esbuild (which bundles the field app's service worker) out of Next's server bundles.
export default withSerwist(withNextIntl(nextConfig));
