import { readFileSync } from "node:fs";
import path from "node:path";

/** The built-in simulator's centre (queues, agents, hours, time zone), relative to the working directory; SIM_CONFIG names another. */
export const DEFAULT_SIMULATOR_CONFIG_PATH = "config/simulator.json";

/**
 * The simulated centre's time zone, read from its config file: the default centre zone when the
 * simulator feeds the product (lib/env.ts). Only the one field is read here; the simulator checks
 * the whole file (ingest/simulator/config.ts) and says what is wrong with it. A file that cannot be
 * read or names no zone gives undefined, and the caller keeps its own default.
 */
export function readSimulatorTimeZone(file: string = DEFAULT_SIMULATOR_CONFIG_PATH): string | undefined {
  try {
    const json: unknown = JSON.parse(readFileSync(path.resolve(process.cwd(), file), "utf8"));
    const zone = typeof json === "object" && json !== null && "timeZone" in json ? json.timeZone : undefined;
    return typeof zone === "string" ? zone : undefined;
  } catch {
    return undefined;
  }
}
