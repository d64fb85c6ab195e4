/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages are loaded by Node at run time, not bundled:
  // chdb carries libchdb (one engine per process), and both it and the ClickHouse
  // client must be the very same module instances in every bundle of the server.
  serverExternalPackages: ["chdb", "@clickhouse/client", "kafkajs"],
  poweredByHeader: false,
  reactStrictMode: true,
  // On every page and API answer: no other site may frame the dashboards (clickjacking a
  // supervisor's barge button), browsers must not guess content types, and links to other
  // sites carry no path (URLs can hold queue and agent ids). A full Content-Security-Policy
  // for scripts needs nonces through the App Router and is left for later.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
