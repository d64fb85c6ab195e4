/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages are loaded by Node at run time, not bundled:
  // chdb carries libchdb (one engine per process), and both it and the ClickHouse
  // client must be the very same module instances in every bundle of the server.
  serverExternalPackages: ["chdb", "@clickhouse/client", "kafkajs"],
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
