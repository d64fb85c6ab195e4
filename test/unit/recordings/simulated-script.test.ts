import { describe, expect, it } from "vitest";
import { loadBankIndex } from "@/lib/recordings/bank/load-bank";
import { luhnCheckDigit } from "@/lib/recordings/simulated/card";
import { agentPersona } from "@/lib/recordings/simulated/personas";
import { scriptCall, type CallScript } from "@/lib/recordings/simulated/script";
import { scriptSegments } from "@/lib/recordings/simulated/segments";
import type { RecordingTimeline, Span } from "@/lib/recordings/simulated/timeline";
import { Rng } from "@/lib/random/rng";

const bank = loadBankIndex();
const slotOf = new Map(bank.phrases.map((p) => [p.key, p.slot]));

/** Luhn, written out independently of lib/recordings/simulated/card.ts. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((c, i) => {
    const d = Number(c) * (i % 2 === 1 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return sum % 10 === 0;
}

/** Timelines of every shape the simulator makes: short and long, holds anywhere, pauses, transfers. */
function timelines(n: number): RecordingTimeline[] {
  const rng = new Rng(2026);
  return Array.from({ length: n }, (_, i) => {
    const durationMs = Math.round(rng.uniform(3_000, 900_000));
    const holds: Span[] = [];
    let at = 0;
    while (rng.chance(0.4) && at < durationMs - 2_000) {
      const start = Math.round(rng.uniform(at, durationMs - 1_000));
      const end = Math.min(durationMs, start + Math.round(rng.uniform(5_000, 120_000)));
      holds.push({ start, end });
      at = end;
    }
    const ending = rng.pick(["release", "release", "blind-transfer", "attended-transfer"] as const);
    if (ending === "attended-transfer" && at < durationMs - 2_000) holds.push({ start: Math.round(rng.uniform(at, durationMs - 1_000)), end: durationMs });
    const pauses: Span[] = [];
    const lastEnd = holds[holds.length - 1]?.end ?? 0;
    if (rng.chance(0.2) && durationMs - lastEnd > 90_000) pauses.push({ start: lastEnd + 40_000, end: lastEnd + 70_000 });
    return { recordingId: `rec-${1_700_000_000 + i}.${i % 7}.1`, agentId: `agent-${i % 13}`, durationMs, holds, pauses, ending };
  });
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const spanOf = (u: CallScript["utterances"][number]): Span => ({ start: u.at, end: u.at + u.durationMs });

describe("a simulated call's script", () => {
  const cases = timelines(400).map((t) => ({ t, s: scriptCall(t, bank) }));

  it("never speaks inside a hold or a recording pause, and ends before the leg clears", () => {
    const bad: string[] = [];
    for (const { t, s } of cases) {
      for (const u of s.utterances) {
        const where = `${t.recordingId} ${u.key} at ${u.at}`;
        if (u.at < 0 || u.at + u.durationMs >= t.durationMs) bad.push(`${where}: outside the recording`);
        if ([...t.holds, ...t.pauses].some((b) => overlaps(spanOf(u), b))) bad.push(`${where}: in a hold or pause`);
        if (u.words.some((w) => w.s < u.at || w.e > u.at + u.durationMs)) bad.push(`${where}: a word outside its phrase`);
      }
    }
    expect(bad).toEqual([]);
    expect(cases.reduce((n, c) => n + c.s.utterances.length, 0)).toBeGreaterThan(10_000);
  });

  it("one party never talks over themselves; the other only with a short acknowledgement", () => {
    for (const { s } of cases) {
      for (const ch of [0, 1]) {
        const mine = s.utterances.filter((u) => u.channel === ch);
        for (let i = 1; i < mine.length; i++)
          expect((mine[i] as (typeof mine)[number]).at).toBeGreaterThanOrEqual(
            (mine[i - 1] as (typeof mine)[number]).at + (mine[i - 1] as (typeof mine)[number]).durationMs,
          );
      }
      const agent = s.utterances.filter((u) => u.channel === 0);
      for (const u of s.utterances.filter((c) => c.channel === 1)) {
        if (agent.some((a) => overlaps(spanOf(a), spanOf(u)))) expect(slotOf.get(u.key)).toBe("ack");
      }
    }
  });

  it("gives notice before a hold and thanks after it, a transfer notice before a transfer, a goodbye at the end", () => {
    let notices = 0;
    let closings = 0;
    for (const { t, s } of cases) {
      const agentSlots = (from: number, to: number) => s.utterances.filter((u) => u.channel === 0 && u.at >= from && u.at < to).map((u) => slotOf.get(u.key));
      t.holds.forEach((h, i) => {
        const before = s.utterances.filter((u) => u.channel === 0 && u.at + u.durationMs <= h.start).pop();
        // When the talk before a hold had room for a notice (8 s), its last agent words are the notice.
        const windowStart = Math.max(0, ...[...t.holds, ...t.pauses].filter((b) => b.end <= h.start).map((b) => b.end));
        if (before && h.start - windowStart >= 8_000 && h.start - (before.at + before.durationMs) < 2_000) {
          const consult = t.ending === "attended-transfer" && h.end === t.durationMs;
          expect(slotOf.get(before.key), `${t.recordingId} hold ${i}`).toBe(consult ? "transfer-consult" : "hold-notice");
          notices++;
        }
        const after = s.utterances.find((u) => u.channel === 0 && u.at >= h.end);
        const nextBlock = [...t.holds, ...t.pauses].filter((b) => b.start >= h.end).map((b) => b.start)[0] ?? t.durationMs;
        // Thanks first, when the talk after the hold is long enough for more than the closing.
        if (after && nextBlock - h.end > 20_000 && after.at - h.end < 1_500) expect(["hold-thanks", "greeting"]).toContain(slotOf.get(after.key));
      });
      const last = s.utterances.filter((u) => u.channel === 0).pop();
      const lastWindowStart = Math.max(0, ...[...t.holds, ...t.pauses].map((b) => b.end));
      if (last && t.durationMs - lastWindowStart >= 20_000) {
        expect(slotOf.get(last.key)).toBe(t.ending === "blind-transfer" ? "transfer-notice" : "closing");
        closings++;
      }
      // The agent speaks first, with a greeting, when the talk before any hold has room for more than the notice.
      if (t.durationMs > 30_000 && t.holds.every((h) => h.start > 30_000)) expect(agentSlots(0, 10_000)[0]).toBe("greeting");
    }
    expect(notices).toBeGreaterThan(50);
    expect(closings).toBeGreaterThan(200);
  });

  it("is the same for the same timeline, and differs for another recording", () => {
    const { t, s } = cases[3] as (typeof cases)[number];
    expect(scriptCall(structuredClone(t), bank)).toEqual(s);
    expect(scriptCall({ ...t, recordingId: `${t.recordingId}x` }, bank).utterances).not.toEqual(s.utterances);
  });

  it("an agent sounds the same on every call; the caller never has the agent's exact voice", () => {
    for (const { t, s } of cases) {
      expect(s.agent).toEqual(
        agentPersona(
          t.agentId,
          bank.voices.map((v) => v.id),
        ),
      );
      expect(s.caller).not.toEqual(s.agent);
    }
  });

  it("a card read aloud is a Luhn-valid test-range number, spoken digit by digit, followed by a three-digit CVV", () => {
    const spoken = cases.filter((c) => c.s.payment === "spoken");
    expect(spoken.length).toBeGreaterThan(5);
    for (const { s } of spoken) {
      const card = s.card as { number: string; cvv: string };
      expect(card.number).toMatch(/^400000\d{10}$/);
      expect(luhnValid(card.number)).toBe(true);
      expect(card.cvv).toMatch(/^\d{3}$/);
      const digits = s.utterances
        .filter((u) => u.channel === 1 && slotOf.get(u.key) === "digit")
        .map((u) => u.words[0]?.t)
        .join("");
      // The account number (8 digits) first, then the card, then the CVV.
      expect(digits.slice(-19)).toBe(card.number + card.cvv);
    }
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnCheckDigit("424242424242424")).toBe(2);
    expect(luhnCheckDigit("411111111111111")).toBe(1);
  });

  it("a call with a recording pause is a payment taken off the record: the agent says so before it and after it", () => {
    const paused = cases.filter((c) => c.t.pauses.length > 0);
    expect(paused.length).toBeGreaterThan(3);
    for (const { t, s } of paused) {
      expect(s.payment).toBe("paused");
      const p = t.pauses[0] as Span;
      const before = s.utterances.filter((u) => u.channel === 0 && u.at < p.start).pop();
      const after = s.utterances.find((u) => u.channel === 0 && u.at >= p.end);
      expect(slotOf.get(before?.key ?? "")).toBe("pay-pause");
      expect(slotOf.get(after?.key ?? "")).toBe("pay-resumed");
    }
  });

  it("the transcript segments hold every word once, one channel each, in time order, never across a hold or a pause", () => {
    const bad: string[] = [];
    for (const { t, s } of cases) {
      const segments = scriptSegments(s, t);
      const words = segments.flatMap((g) => g.words.map((w) => `${g.channel}:${w.t}@${w.s}`)).sort();
      const expected = s.utterances.flatMap((u) => u.words.map((w) => `${u.channel}:${w.t}@${w.s}`)).sort();
      if (words.join() !== expected.join()) bad.push(`${t.recordingId}: words differ`);
      segments.forEach((g, i) => {
        const ok =
          g.segmentIndex === i &&
          g.speaker === (g.channel === 0 ? "agent" : "caller") &&
          g.text === g.words.map((w) => w.t).join(" ") &&
          g.startMs === g.words[0]?.s &&
          g.endMs === g.words[g.words.length - 1]?.e &&
          g.words.every((w, j) => j === 0 || w.s >= (g.words[j - 1]?.s ?? 0)) &&
          ![...t.holds, ...t.pauses].some((b) => overlaps({ start: g.startMs, end: g.endMs }, b));
        if (!ok) bad.push(`${t.recordingId} segment ${i}`);
      });
    }
    expect(bad).toEqual([]);
  });
});
