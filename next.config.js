/* global process */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "production" ? "" : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages are loaded by Node at run time, not bundled:
  // chdb carries libchdb (one engine per process), and both it and the ClickHouse
  // client must be the very same module instances in every bundle of the server.
  // opusscript loads its WebAssembly from beside its own file, which a bundled copy
  // cannot find: every first open of a simulated recording failed to render.
  // ws (the monitoring relay) looks for optional native helpers a bundle cannot resolve.
  serverExternalPackages: ["chdb", "@clickhouse/client", "kafkajs", "opusscript", "ws"],
  poweredByHeader: false,
  reactStrictMode: true,
  // On every page and API answer: no other site may frame the dashboards (clickjacking a
  // supervisor's barge button), browsers must not guess content types, and links to other
  // sites carry no path (URLs can hold queue and agent ids). The content security policy
  // lets a page load and talk to this origin only, so injected markup can neither pull a
  // script from elsewhere nor send what it reads to another host. Inline scripts stay
  // allowed: the App Router inlines its own, and nonces would make every page dynamic;
  // `next dev` also needs eval. form-action is not limited: single sign-on posts to
  // this origin, which then redirects to the provider, and Chromium holds such
  // redirects to form-action too.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
