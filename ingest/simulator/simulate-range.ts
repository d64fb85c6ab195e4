import type { CtiEvent } from "@/lib/events";
import type { SimulatorConfig } from "./config";
import { ContactCentreSim } from "./engine";

/** One hour of simulated time per chunk: a few thousand events, a comfortable insert batch. */
export const DEFAULT_CHUNK_MS = 3_600_000;

/**
 * Advances an existing engine to `to` in steps of `chunkMs` of simulated time,
 * yielding each step's events (an empty array for a quiet step, so the number of
 * yields is ceil((to - start) / chunkMs) and doubles as progress). Synchronous:
 * the consumer decides when to pull the next chunk, which is the backpressure.
 */
export function* advanceInChunks(sim: ContactCentreSim, to: number, chunkMs: number = DEFAULT_CHUNK_MS): Generator<CtiEvent[], void> {
  if (!(chunkMs > 0)) throw new RangeError("chunkMs must be positive");
  while (sim.now < to) yield sim.advanceTo(Math.min(to, sim.now + chunkMs));
}

/**
 * Simulates [from, to) with a new engine, chunk by chunk. The generator's return
 * value is the engine itself, positioned at `to`, so a caller can hand the SAME
 * engine to the live simulator and history flows straight into real time.
 */
export function* simulateRange(
  config: SimulatorConfig,
  seed: number,
  from: number,
  to: number,
  chunkMs: number = DEFAULT_CHUNK_MS,
): Generator<CtiEvent[], ContactCentreSim> {
  const sim = new ContactCentreSim(config, { seed, startTime: from });
  yield* advanceInChunks(sim, to, chunkMs);
  return sim;
}
