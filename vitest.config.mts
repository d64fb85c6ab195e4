import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // Integration tests share one embedded chDB engine per worker process; keep the
    // pool small so two workers never fight over the 2 cores CI has.
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        // Pure code: no engines, no child processes, no network, no real-time waits.
        extends: true,
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], testTimeout: 30_000 },
      },
      {
        // The real engines: embedded chDB, the Kafka broker (infra/kafka), worker processes.
        extends: true,
        test: { name: "integration", include: ["test/integration/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
  },
});
