import type { CtiEvent } from "@/lib/events";
import { loadSimulatorConfig, parseSimulatorConfig, type SimulatorConfig } from "@/ingest/simulator/config";
import { ContactCentreSim } from "@/ingest/simulator/engine";

export const DAY_MS = 86_400_000;
/** Monday 5 January 2026, 00:00 in London (GMT): a plain winter weekday. */
export const MONDAY = Date.UTC(2026, 0, 5);

let cached: SimulatorConfig | undefined;
/** The shipped default config (config/simulator.json), validated. */
export function defaultConfig(): SimulatorConfig {
  cached ??= loadSimulatorConfig();
  return structuredClone(cached);
}

/** A modified default, re-validated so a test never runs a config the loader would reject. */
export function variant(change: (c: SimulatorConfig) => void): SimulatorConfig {
  const c = defaultConfig();
  change(c);
  return parseSimulatorConfig(c, "test config");
}

export function simulate(config: SimulatorConfig, seed: number, from: number, to: number): CtiEvent[] {
  return new ContactCentreSim(config, { seed, startTime: from }).advanceTo(to);
}

export function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}
