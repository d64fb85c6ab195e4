import { describe, expect, it } from "vitest";
import { IngestPipeline } from "@/ingest/pipeline/pipeline";
import { ContactCentreSim } from "@/ingest/simulator/engine";
import { readCallEvents } from "@/lib/calls/read-call-events";
import type { EventOf } from "@/lib/events";
import { renderSimulatedRecording } from "@/lib/recordings/simulated/render";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { defaultConfig } from "../../unit/simulator/fixtures";

const T0 = Date.UTC(2026, 0, 5, 9);

describe("simulated recordings through the store", () => {
  it("a simulated morning's transcript lands whole in transcript_segments, and a recording renders from the call's stored events", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("rec");
    const events = new ContactCentreSim({ ...defaultConfig(), tenantId }, { seed: 9, startTime: T0 }).advanceTo(T0 + 2 * 3_600_000);
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test" });
    const encoder = new TextEncoder();
    const result = await pipeline.ingest(events.map((e) => ({ payload: encoder.encode(JSON.stringify(e)), origin: { source: "test" } })));
    // The default 64 KiB event limit holds every segment (none is dead-lettered).
    expect(result.inserted).toBe(events.length);

    const segments = events.filter((e): e is EventOf<"transcript.segment"> => e.type === "transcript.segment");
    const [stored] = await queryRows<{ n: string; words: string }>(
      ch,
      "SELECT count() AS n, sum(length(words)) AS words FROM transcript_segments FINAL WHERE tenant_id = {t:String}",
      { t: tenantId },
    );
    expect(Number(stored?.n)).toBe(segments.length);
    expect(Number(stored?.words)).toBe(segments.reduce((n, s) => n + (s.data.words?.length ?? 0), 0));
    const [recordings] = await queryRows<{ n: string }>(
      ch,
      "SELECT uniqExact(recording_id) AS n FROM recordings WHERE tenant_id = {t:String} AND stopped_at > toDateTime64(0, 3)",
      { t: tenantId },
    );
    expect(Number(recordings?.n)).toBe(events.filter((e) => e.type === "recording.stopped").length);

    // A recording with a hold, rendered from what the store gives back.
    const held = events.find((e) => e.type === "call.held" && events.some((s) => s.type === "recording.stopped" && s.legId === e.legId));
    expect(held).toBeDefined();
    const callEvents = await readCallEvents(ch, tenantId, held?.callId ?? "");
    const recordingId = `rec-${held?.legId}`;
    const stop = events.find((e): e is EventOf<"recording.stopped"> => e.type === "recording.stopped" && e.data.recordingId === recordingId);
    const audio = await renderSimulatedRecording({ recordingId, events: callEvents ?? [] });
    expect(audio.sampleRate).toBe(16_000);
    expect(audio.channelRoles).toEqual(["agent", "caller"]);
    expect(audio.channels.map((c) => c.length)).toEqual([(stop?.data.durationMs ?? 0) * 16, (stop?.data.durationMs ?? 0) * 16]);

    // Speech is where the stored words say it is: louder inside word spans than outside, on each channel.
    const words = await queryRows<{ channel: number; s: number[]; e: number[] }>(
      ch,
      "SELECT channel, word_starts AS s, word_ends AS e FROM transcript_segments FINAL WHERE tenant_id = {t:String} AND recording_id = {r:String}",
      { t: tenantId, r: recordingId },
    );
    for (const channel of [0, 1]) {
      const pcm = audio.channels[channel] as Int16Array;
      const inside = new Uint8Array(pcm.length);
      for (const w of words.filter((x) => x.channel === channel)) w.s.forEach((s, i) => inside.fill(1, s * 16, (w.e[i] ?? s) * 16));
      let sIn = 0;
      let nIn = 0;
      let sOut = 0;
      let nOut = 0;
      const holds = (callEvents ?? []).filter((e) => e.legId === held?.legId && (e.type === "call.held" || e.type === "call.retrieved")).map((e) => e.time);
      const t0 = (callEvents ?? []).find((e) => e.type === "recording.started" && e.legId === held?.legId)?.time ?? 0;
      const inHold = (i: number) => {
        const ms = t0 + i / 16;
        for (let h = 0; h + 1 < holds.length; h += 2) if (ms >= (holds[h] as number) && ms < (holds[h + 1] as number)) return true;
        return false;
      };
      for (let i = 0; i < pcm.length; i += 4) {
        if (inHold(i)) continue; // hold music on the caller's side
        const v = (pcm[i] as number) ** 2;
        if (inside[i]) {
          sIn += v;
          nIn++;
        } else {
          sOut += v;
          nOut++;
        }
      }
      expect(nIn).toBeGreaterThan(0);
      expect(sIn / nIn).toBeGreaterThan(100 * (sOut / nOut)); // 20 dB and more
    }
  });
});
