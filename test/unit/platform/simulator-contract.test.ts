import { afterEach, vi } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { SimulatedPbx } from "@/ingest/simulator";
import { defaultConfig, MONDAY } from "../simulator/fixtures";
import { recordingContext } from "../helpers/platform-context";
import { agentStateContract } from "../../contract/agent-state-contract";
import { monitorContract } from "../../contract/monitor-contract";
import type { ContractHarness, PartyTap } from "../../contract/harness";
import { renderSimulatedRecording } from "@/lib/recordings/simulated/render";

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
  const events = (): CtiEvent[] => [...got.history.flat(), ...got.live.flat()];
  return {
    adapter,
    events,
    pass: async (ms) => {
      clock += ms;
      await vi.advanceTimersByTimeAsync(TICK_MS);
    },
    stop: () => adapter.stop(),
    tapParties: (callId) => {
      const tap: PartyTap = { agent: [], caller: [], stop: () => undefined };
      tap.stop = adapter.hear(callId, ({ party, frame, atMs }) => tap[party].push({ frame, atMs }));
      return tap;
    },
    recording: async (legId) => {
      const started = events().find((e) => e.type === "recording.started" && e.legId === legId);
      if (started?.type !== "recording.started") throw new Error(`no recording of leg ${legId}`);
      const r = await renderSimulatedRecording({ recordingId: started.data.recordingId, events: events().filter((e) => e.callId === started.callId) });
      return { sampleRate: r.sampleRate, agent: r.channels[0] ?? new Int16Array(), caller: r.channels[1] ?? new Int16Array() };
    },
  };
}

agentStateContract("simulated PBX", simulatedPbx);
monitorContract("simulated PBX", simulatedPbx);
