import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // Integration tests share one embedded chDB engine per worker process; keep the
    // pool small so two workers never fight over the 2 cores CI has.
    pool: "forks",
    maxWorkers: 2,
    // Generous: the simulation project's Erlang C check took 23 s for one test on a 2-core machine under a load of 8.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      // Pure code: no engines, no child processes, no network, no real-time waits.
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      // Pure too, but long: whole simulated days and weeks of the contact-centre engine, judged
      // against queueing theory (Erlang C) and the event model's invariants. Kept apart so the
      // unit project stays a matter of seconds.
      { extends: true, test: { name: "simulation", include: ["test/simulation/**/*.test.ts"] } },
      // The real engines: embedded chDB, the Kafka broker (infra/kafka), SeaweedFS, the Asterisk lab (infra/asterisk), worker and CLI processes.
      { extends: true, test: { name: "integration", include: ["test/integration/**/*.test.ts"] } },
    ],
  },
});
