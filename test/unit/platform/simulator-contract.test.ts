import { afterEach, describe, expect, it, vi } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { SimulatedPbx } from "@/ingest/simulator";
import { defaultConfig, MONDAY } from "../simulator/fixtures";
import { recordingContext } from "../helpers/platform-context";
import { agentStateContract } from "../../contract/agent-state-contract";
import { monitorContract } from "../../contract/monitor-contract";
import { callbackContract } from "../../contract/callback-contract";
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
callbackContract("simulated PBX", simulatedPbx);

describe("the simulated PBX's microphone", () => {
  it("plays a burst of frames one after another, up to 200 ms ahead of the clock, and drops the rest", async () => {
    const h = await simulatedPbx();
    try {
      const events = h.events();
      const open = new Map<string, string>();
      for (const e of events) {
        if (e.type === "call.established" && e.legId && e.callId) open.set(e.legId, e.callId);
        else if (e.type === "call.connection_cleared" && e.legId) open.delete(e.legId);
      }
      const callId = [...open.values()].at(-1);
      if (!callId || !(h.adapter instanceof SimulatedPbx)) throw new Error("a simulated call in conversation");
      const pbx = h.adapter;
      const heard: number[] = [];
      const stop = pbx.hear(callId, ({ party, atMs }) => party === "agent" && heard.push(atMs));
      const startMonitor = pbx.commands.startMonitor;
      if (!startMonitor) throw new Error("startMonitor");
      const answer = startMonitor({ callId, mode: "whisper", supervisor: { id: "s", name: "S" } }, new AbortController().signal);
      await h.pass(20);
      const session = await answer;
      for (let i = 0; i < 30; i++) session.sendAudio(new Int16Array(320));
      // The first plays now, ten more queue behind it (200 ms), the other nineteen are dropped.
      expect(heard.length).toBe(11);
      expect(heard.slice(1).map((t, i) => t - (heard[i] as number))).toEqual(Array(10).fill(20));
      await h.pass(1_000); // the queue has played out
      session.sendAudio(new Int16Array(100)); // not a 20 ms frame: ignored
      expect(heard.length).toBe(11);
      session.sendAudio(new Int16Array(320));
      expect(heard.length).toBe(12);
      stop();
    } finally {
      await h.stop();
    }
  });
});
