/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers and Socket.IO live in the custom server process; route handlers reach them
  // through the shared application context, so Next must not bundle a second copy.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'proper-lockfile', 'socket.io'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
