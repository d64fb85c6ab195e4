import type { CtiEvent } from "@/lib/events";
import type { PlatformAdapter } from "@/ingest/platform";
import { withDeadline } from "@/lib/telephony/commands";

/**
 * What a contract suite needs of an adapter under test: the adapter, what it delivered,
 * and a way to let the platform's time pass (a clock the test moves for the simulator,
 * real time for a lab).
 */
export interface ContractHarness {
  adapter: PlatformAdapter;
  /** Everything the adapter delivered so far, history and live, in order. */
  events(): CtiEvent[];
  /** Lets `ms` of the platform's time pass and its events arrive. */
  pass(ms: number): Promise<void>;
  stop(): Promise<void>;
  /**
   * Test taps, where the platform has them (the simulator does; a lab PBX would need a
   * channel spy on each party): what each party of a call hears of supervisors, frame by
   * frame with its time after the answer, and a stopped call's recording as rendered.
   */
  tapParties?(callId: string): PartyTap;
  recording?(legId: string): Promise<{ sampleRate: number; agent: Int16Array; caller: Int16Array }>;
}

export type HeardFrame = { frame: Int16Array; atMs: number };
export type PartyTap = { agent: HeardFrame[]; caller: HeardFrame[]; stop(): void };

/** Runs a command under the product's deadline while the platform's time moves on, as it does for a real PBX. */
export async function whileTimePasses<T>(h: ContractHarness, run: (signal: AbortSignal) => Promise<T>, stepMs = 1_000): Promise<T> {
  const answer = withDeadline(run, 5_000, "the contract's command");
  // Settled either way before time moves, so a rejection is never unhandled while we wait.
  const settled = answer.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  for (let i = 0; i < 50; i++) {
    const done = await Promise.race([settled, Promise.resolve(undefined)]);
    if (done) break;
    await h.pass(stepMs);
  }
  const r = await settled;
  if ("error" in r) throw r.error;
  return r.value;
}

export async function passUntil(h: ContractHarness, done: () => boolean, limitMs: number, stepMs = 5_000): Promise<void> {
  for (let waited = 0; !done() && waited < limitMs; waited += stepMs) await h.pass(stepMs);
}

/** Runs one case on a fresh harness and stops it whatever the case did. */
export async function withHarness(start: () => Promise<ContractHarness>, run: (h: ContractHarness) => Promise<void>): Promise<void> {
  const h = await start();
  try {
    await run(h);
  } finally {
    await h.stop();
  }
}
