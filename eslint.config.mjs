import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

/**
 * Floors, enforced: modules the browser loads may not pull in server code (the
 * store, the endpoint declarations and their lib calls, server prefetch); type
 * imports are erased and stay allowed. The `server-only` package would say the
 * same inside Next.js, but it throws under plain Node, where the ingest worker,
 * the CLIs and the benchmarks import the same store tools; a lint rule holds
 * everywhere and fails `npm test`.
 */
const SERVER_ONLY =
  "^(@/lib/(store|prefetch|directory|agent-timeline|audit|records|kpi/queries|live/store)(/.*)?" +
  "|@/lib/kpi|@/lib/api/(endpoints(/.*)?|handle)|@/lib/contacts/(?!contact-sorts$).*" +
  "|@/lib/queue-settings/(?!limits$).*|@/(ingest|server)/.*|@clickhouse/client|chdb|kafkajs)$";

/** The ground floor (store tools, time) stands on nothing above it. */
const ABOVE_GROUND = [
  "@/lib/*",
  "!@/lib/store",
  "!@/lib/store/*",
  "!@/lib/time",
  "!@/lib/time/*",
  "!@/lib/env",
  "!@/lib/events",
  "!@/lib/events/*",
  "@/ingest/*",
  "@/server/*",
  "@/components/*",
  "@/app/*",
];

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "data/**", "data-*/**", "docs/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "infra/**/target/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // The web process reaches ingest/ through two doors only: the platform adapter and the pipeline.
    files: ["app/**/*.{ts,tsx}", "server/**/*.ts", "instrumentation*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^@/ingest/(?!(platform|pipeline)$).*", message: "the web process uses ingest/ only through @/ingest/platform and @/ingest/pipeline" }] },
      ],
    },
  },
  {
    // lib/ is what both processes stand on: it knows neither the ingest side nor the web process's composition root.
    files: ["lib/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ regex: "^@/(ingest|server)(/.*)?$", message: "lib/ imports neither ingest/ nor server/" }] }],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}", "lib/views/**/*.ts", "lib/query-options/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ regex: SERVER_ONLY, allowTypeImports: true, message: "server code: browser modules may import its types only" }] },
      ],
    },
  },
  {
    files: ["lib/store/**/*.ts", "lib/time/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ABOVE_GROUND, message: "lib/store and lib/time are the ground floor: they import nothing above them" }] },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
    languageOptions: { globals: { module: "writable", require: "readonly" } },
  },
);
