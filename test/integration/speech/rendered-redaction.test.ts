import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { WHOLE_CENTRE } from "@/lib/auth/scope-access";
import type { CtiEvent } from "@/lib/events";
import { decodeWebmOpus } from "@/lib/recordings/media/decode-webm-opus";
import { readMediaRow } from "@/lib/recordings/media/media-row";
import { recordingAudio } from "@/lib/recordings/media/recording-media-routes";
import { setRecordingServices } from "@/lib/recordings/media/services";
import { localObjectStore } from "@/lib/recordings/storage/local-store";
import { readWhole } from "@/lib/recordings/storage/object-store";
import { freshTenant, testStore } from "../helpers/store";
import { callEvents, ingestEvents, toneRenderer } from "../recordings/recorded-call";

/**
 * A simulated recording, rendered when first opened: the card number its transcript
 * carried (masked by the pipeline) is silent in the audio served, on its channel only.
 */
describe("a recording rendered on first open is silent where its transcript was redacted", () => {
  afterAll(() => setRecordingServices(undefined));

  it("silences the caller's card number and nothing else", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("render");
    const spec = { tenantId, callId: "call-1", queueId: "billing", agentId: "a1", t0: Date.UTC(2026, 0, 13, 9, 0, 0), talkMs: 10_000, recorded: {} };
    const events = callEvents(spec);
    const started = events.find((e) => e.type === "recording.started") as CtiEvent;
    const said = "sure it is four one one one one one one one one one one one one one one one".split(" ");
    // Words 3..18 (the digits) from 4.0 s to 7.6 s of the recording, on the caller's channel.
    const segment: CtiEvent = {
      ...started,
      id: "3f0c2a8e-5b7d-4c1e-9a6f-2d8b4e7c1a90",
      type: "transcript.segment",
      time: started.time + 3_000,
      data: {
        recordingId: "rec-call-1.1",
        segmentIndex: 0,
        speaker: "caller",
        channel: 1,
        startMs: 3_000,
        endMs: 7_800,
        text: said.join(" "),
        words: said.map((t, k) => ({ t, s: k < 3 ? 3_000 + k * 300 : 4_000 + (k - 3) * 225, e: k < 3 ? 3_250 + k * 300 : 4_200 + (k - 3) * 225 })),
      },
    } as CtiEvent;
    await ingestEvents(ch, [...events, segment]);

    const store = localObjectStore(fs.mkdtempSync(path.join(os.tmpdir(), "ccs-render-")));
    const services = { store, renderer: toneRenderer(16000) };
    const res = await recordingAudio({ ch, tenantId, access: WHOLE_CENTRE, actor: { id: "qa", name: "QA", role: "qa" }, services }, "rec-call-1.1", { download: false });
    expect(res.status).toBe(200);
    const media = await readMediaRow(ch, tenantId, "rec-call-1.1");
    expect(media?.redactedSpans).toBe(1);
    const [agent, caller] = decodeWebmOpus(await readWhole(store, media?.audioKey ?? ""), 16000, 2, 10_000 * 16);
    const peak = (pcm: Int16Array | undefined, fromMs: number, toMs: number) =>
      (pcm ?? new Int16Array()).subarray(fromMs * 16, toMs * 16).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    // The span with its 0.3 s padding: 3.7 s to 7.67 s. Inside it the caller's tone is gone; outside it, and on the agent's channel, it is there.
    expect(peak(caller, 3_800, 7_550)).toBeLessThan(200);
    expect(peak(caller, 1_000, 3_500)).toBeGreaterThan(8_000);
    expect(peak(caller, 8_000, 9_500)).toBeGreaterThan(8_000);
    expect(peak(agent, 3_800, 7_550)).toBeGreaterThan(8_000);
  });
});
