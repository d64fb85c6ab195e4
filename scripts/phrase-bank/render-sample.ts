/**
 * A listening check for developers: simulates a morning, picks a recorded call with a hold
 * (and a payment, when one is there), renders it as the product does and writes a stereo
 * WAV (left agent, right caller), then prints its levels where the transcript says someone
 * speaks and where it says nobody does.
 *
 *   npx tsx scripts/phrase-bank/render-sample.ts [/tmp/simulated-call.wav]
 */
import { writeFileSync } from "node:fs";
import { ContactCentreSim, loadSimulatorConfig } from "@/ingest/simulator";
import type { CtiEvent } from "@/lib/events";
import { loadBankIndex } from "@/lib/recordings/bank/load-bank";
import { renderSimulatedRecording } from "@/lib/recordings/simulated/render";
import { scriptCall } from "@/lib/recordings/simulated/script";
import { scriptSegments } from "@/lib/recordings/simulated/segments";
import { timelineFromEvents } from "@/lib/recordings/simulated/timeline";

function wav(rate: number, channels: Int16Array[]): Buffer {
  const n = channels[0]?.length ?? 0;
  const out = Buffer.alloc(44 + n * 4);
  out.write("RIFF", 0, "latin1");
  out.writeUInt32LE(36 + n * 4, 4);
  out.write("WAVEfmt ", 8, "latin1");
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(2, 22);
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 4, 28);
  out.writeUInt16LE(4, 32);
  out.writeUInt16LE(16, 34);
  out.write("data", 36, "latin1");
  out.writeUInt32LE(n * 4, 40);
  for (let i = 0; i < n; i++) for (let c = 0; c < 2; c++) out.writeInt16LE((channels[c] as Int16Array)[i] as number, 44 + i * 4 + c * 2);
  return out;
}

const dbfs = (sumSq: number, n: number) => (n === 0 ? "n/a" : `${(10 * Math.log10(sumSq / n / 32768 ** 2 + 1e-12)).toFixed(1)} dBFS`);

async function main(): Promise<void> {
  const out = process.argv[2] ?? "/tmp/simulated-call.wav";
  const start = Date.UTC(2026, 0, 5, 8);
  const events = new ContactCentreSim(loadSimulatorConfig(), { seed: 3, startTime: start }).advanceTo(start + 6 * 3_600_000);
  const byCall = new Map<string, CtiEvent[]>();
  for (const e of events) if (e.callId) byCall.set(e.callId, [...(byCall.get(e.callId) ?? []), e]);
  const bank = loadBankIndex();
  const candidates = events
    .filter((e) => e.type === "recording.stopped")
    .map((e) => ({ id: e.type === "recording.stopped" ? e.data.recordingId : "", call: byCall.get(e.callId ?? "") ?? [] }));
  const scored = candidates.map((c) => {
    const t = timelineFromEvents(c.id, c.call);
    const s = scriptCall(t, bank);
    return { ...c, t, s, score: (t.holds.length > 0 ? 2 : 0) + (s.payment !== "none" ? 3 : 0) - Math.abs(t.durationMs - 240_000) / 240_000 };
  });
  const best = scored.sort((a, b) => b.score - a.score)[0];
  if (!best) throw new Error("no recorded call in the simulated morning");
  const rendered = await renderSimulatedRecording({ recordingId: best.id, events: best.call });
  writeFileSync(out, wav(rendered.sampleRate, rendered.channels));
  const segments = scriptSegments(best.s, best.t);
  console.log(`${out}: ${best.id}, ${(best.t.durationMs / 1000).toFixed(1)} s, holds ${JSON.stringify(best.t.holds)}, pauses ${JSON.stringify(best.t.pauses)}`);
  console.log(
    `agent ${JSON.stringify(best.s.agent)}, caller ${JSON.stringify(best.s.caller)}, topic ${best.s.topic}, payment ${best.s.payment} ${best.s.card ? JSON.stringify(best.s.card) : ""}`,
  );
  for (const [c, role] of rendered.channelRoles.entries()) {
    const pcm = rendered.channels[c] as Int16Array;
    const inWord = new Uint8Array(pcm.length);
    for (const g of segments) if (g.channel === c) for (const w of g.words) inWord.fill(1, w.s * 16, w.e * 16);
    const inHold = new Uint8Array(pcm.length);
    for (const h of best.t.holds) inHold.fill(1, h.start * 16, h.end * 16);
    let sIn = 0,
      nIn = 0,
      sOut = 0,
      nOut = 0,
      sHold = 0,
      nHold = 0,
      peak = 0;
    for (let i = 0; i < pcm.length; i++) {
      const v = (pcm[i] as number) ** 2;
      peak = Math.max(peak, Math.abs(pcm[i] as number));
      if (inHold[i]) {
        sHold += v;
        nHold++;
      } else if (inWord[i]) {
        sIn += v;
        nIn++;
      } else {
        sOut += v;
        nOut++;
      }
    }
    console.log(
      `${role.padEnd(6)} inside words ${dbfs(sIn, nIn)}, outside words ${dbfs(sOut, nOut)}, in holds ${dbfs(sHold, nHold)}, peak ${(20 * Math.log10(peak / 32768)).toFixed(1)} dBFS`,
    );
  }
  for (const g of segments.slice(0, 8)) console.log(`  ${g.speaker.padEnd(6)} ${(g.startMs / 1000).toFixed(1).padStart(6)}s ${g.text.slice(0, 100)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
