import { createHash } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { IngestPipeline, writeDirectory } from "@/ingest/pipeline";
import type { CtiEvent } from "@/lib/events";
import type { OnDemandRenderer, RecordingServices } from "@/lib/recordings/media/services";
import type { ObjectStore } from "@/lib/recordings/storage/object-store";

/** A deterministic UUID from a name, for test events. */
const uuid = (name: string) => {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

export type CallSpec = {
  tenantId: string;
  callId: string;
  queueId: string;
  agentId: string;
  /** When the call was offered (epoch ms); answered 5 s later. */
  t0: number;
  talkMs: number;
  /** Recorded by the simulator (recording.* events, id rec-<leg>); absent, the call has no recording events. */
  recorded?: { pauses?: [number, number][] };
  /** The Asterisk uniqueid the events carry in raw. */
  uniqueid?: string;
};

/** One answered call's events, valid for the event model: offered, queued, answered, (recorded), cleared. */
export function callEvents(c: CallSpec): CtiEvent[] {
  const legId = `${c.callId}.1`;
  const answered = c.t0 + 5_000;
  const ended = answered + c.talkMs;
  const raw = c.uniqueid ? { raw: { uniqueid: c.uniqueid, linkedid: c.uniqueid } } : {};
  let n = 0;
  const env = { specVersion: "1.0" as const, source: "simulator://test", tenantId: c.tenantId, callId: c.callId, ...raw };
  const leg = { ...env, queueId: c.queueId, legId };
  const agentLeg = { ...leg, agentId: c.agentId };
  const id = () => uuid(`${c.tenantId}/${c.callId}/${n++}`);
  const recordingId = `rec-${legId}`;
  const events: CtiEvent[] = [
    { ...env, id: id(), type: "call.offered", time: c.t0, data: { from: "+441", to: "+442", direction: "inbound", channelId: `ch-${c.callId}` } },
    { ...leg, id: id(), type: "call.queued", time: c.t0 + 1_000, data: { position: 1 } },
    { ...leg, id: id(), type: "call.queue_exited", time: answered, data: { reason: "answered", waitMs: 4_000 } },
    { ...agentLeg, id: id(), type: "call.established", time: answered, data: { waitMs: 4_000, ringMs: 1_000, agentChannelId: `ag-${c.callId}` } },
  ];
  if (c.recorded) {
    events.push({ ...agentLeg, id: id(), type: "recording.started", time: answered, data: { recordingId } });
    for (const [from, to] of c.recorded.pauses ?? []) {
      events.push({ ...agentLeg, id: id(), type: "recording.paused", time: answered + from, data: { recordingId } });
      events.push({ ...agentLeg, id: id(), type: "recording.resumed", time: answered + to, data: { recordingId } });
    }
    events.push({ ...agentLeg, id: id(), type: "recording.stopped", time: ended, data: { recordingId, durationMs: c.talkMs } });
  }
  events.push(
    {
      ...agentLeg,
      id: id(),
      type: "call.connection_cleared",
      time: ended,
      data: { queuedAt: c.t0 + 1_000, talkMs: c.talkMs, holdMs: 0, holdCount: 0, releasedBy: "caller", transferred: false },
    },
    { ...env, id: id(), type: "call.cleared", time: ended, data: { durationMs: ended - c.t0 } },
  );
  return events;
}

/** Stores events through the real pipeline; fails if any is dead-lettered. */
export async function ingestEvents(ch: ClickHouseClient, events: CtiEvent[]): Promise<void> {
  const r = await new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test" }).ingest(events.map((e) => ({ payload: { object: e }, origin: { source: "test" } })));
  if (r.deadLettered > 0) throw new Error(`${r.deadLettered} test events dead-lettered`);
}

export async function storeCall(ch: ClickHouseClient, c: CallSpec, teamId = "team-a"): Promise<string> {
  await writeDirectory(ch, c.tenantId, { queues: [{ id: c.queueId, name: c.queueId }], agents: [{ id: c.agentId, name: c.agentId, teamId }] });
  await ingestEvents(ch, callEvents(c));
  return `rec-${c.callId}.1`;
}

/** A sine tone of `hz` per channel at `rate`, `ms` long, amplitude 0.5. */
export function tone(hz: number, rate: number, ms: number): Int16Array {
  return Int16Array.from({ length: Math.round((rate * ms) / 1000) }, (_, i) => Math.round(16384 * Math.sin((2 * Math.PI * hz * i) / rate)));
}

/** A renderer of tones (agent 440 Hz, caller 660 Hz) for the recording's length, counting its calls. */
export function toneRenderer(rate = 16000): OnDemandRenderer & { calls: number } {
  const r = {
    calls: 0,
    canRender: (rec: { source: string }) => rec.source.startsWith("simulator"),
    render: async ({ events, recordingId }: { recordingId: string; events: CtiEvent[] }) => {
      r.calls += 1;
      const stopped = events.find((e) => e.type === "recording.stopped" && e.data.recordingId === recordingId);
      const ms = stopped?.type === "recording.stopped" ? stopped.data.durationMs : 1_000;
      // Let concurrent callers pile up behind the first render.
      await new Promise((resolve) => setImmediate(resolve));
      return { sampleRate: rate, channels: [tone(440, rate, ms), tone(660, rate, ms)], channelRoles: ["agent", "caller"] };
    },
  };
  return r;
}

export const servicesWith = (store: ObjectStore, extra: Partial<RecordingServices> = {}): RecordingServices => ({ store, ...extra });
