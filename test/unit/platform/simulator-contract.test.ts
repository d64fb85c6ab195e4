import { afterEach, vi } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { SimulatedPbx } from "@/ingest/simulator";
import { defaultConfig, MONDAY } from "../simulator/fixtures";
import { recordingContext } from "../helpers/platform-context";
import { agentStateContract } from "../../contract/agent-state-contract";
import { monitorContract } from "../../contract/monitor-contract";
import { callbackContract } from "../../contract/callback-contract";
import type { ContractHarness } from "../../contract/harness";

/** The simulated PBX held to the platform contract, on a clock the test moves (only intervals are faked: the live ticker's and the audio pump's). */
const TICK_MS = 20;

afterEach(() => {
  vi.useRealTimers();
});

async function simulatedPbx(): Promise<ContractHarness> {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  let clock = MONDAY + 10 * 3_600_000;
  const { ctx, got } = recordingContext();
  const adapter = new SimulatedPbx({ config: defaultConfig(), seed: 5, backfillMs: 2 * 3_600_000, now: () => clock, tickMs: TICK_MS, chunkMs: 30 * 60_000 });
  await adapter.start(ctx);
  return {
    adapter,
    events: (): CtiEvent[] => [...got.history.flat(), ...got.live.flat()],
    pass: async (ms) => {
      clock += ms;
      await vi.advanceTimersByTimeAsync(TICK_MS);
    },
    stop: () => adapter.stop(),
  };
}

agentStateContract("simulated PBX", simulatedPbx);
monitorContract("simulated PBX", simulatedPbx);
callbackContract("simulated PBX", simulatedPbx);
