import type { CtiEvent } from "@/lib/events";

/**
 * Automatic checks over one recorded agent leg: greeting said, identity checked,
 * long silences, long holds, talk-over. Pure, over the recording's transcript
 * segments and the call's CTI events. They are suggestions shown beside the form
 * with the moments that back them; they never fill in an answer, which stays the
 * evaluator's judgement. Every time is in ms from the recording's start, the
 * player's clock.
 */

export type Segment = { speaker: string; startMs: number; endMs: number; text: string };
export type Moment = { ms: number; endMs?: number; note: string };
export type CheckStatus = "pass" | "fail" | "unknown";
export type AutoCheck = { id: "greeting" | "identity" | "silence" | "hold" | "talkover"; label: string; status: CheckStatus; detail: string; moments: Moment[] };

export const CHECK_LIMITS = {
  /** The agent's greeting must come in their first words, within this long of the start. */
  greetingWithinMs: 20_000,
  /** Silence (nobody speaking, not on hold) at least this long is flagged. */
  silenceMs: 10_000,
  /** A hold at least this long is flagged. */
  holdMs: 60_000,
  /** Both speaking at once for at least this long is talk-over. */
  overlapMs: 1_500,
};

const GREETINGS = [
  /\bhello\b/,
  /\bhi\b/,
  /\bgood (morning|afternoon|evening)\b/,
  /\bthank(s| you) for calling\b/,
  /\bwelcome\b/,
  /\bspeaking\b/,
  /\bhow (can|may) i help\b/,
];
const IDENTITY = [
  /\bdate of birth\b/,
  /\bpost ?code\b/,
  /\bzip code\b/,
  /\bsecurity (question|check)\b/,
  /\b(confirm|verify|check)\b.*\b(name|identity|address|account|details)\b/,
  /\baccount number\b/,
  /\bfirst line of (your|the) address\b/,
  /\bmemorable word\b/,
];

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9' ]+/g, " ");
const quote = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Holds of the leg as [start, end) in recording time, from call.held / call.retrieved (an unretrieved hold ends at the leg's clearing). */
export function holdSpans(events: readonly CtiEvent[], legId: string, originMs: number): { startMs: number; endMs: number }[] {
  const spans: { startMs: number; endMs: number }[] = [];
  let heldAt: number | null = null;
  for (const e of events) {
    if (e.legId !== legId) continue;
    if (e.type === "call.held" && heldAt === null) heldAt = e.time;
    else if ((e.type === "call.retrieved" || e.type === "call.connection_cleared") && heldAt !== null) {
      spans.push({ startMs: Math.max(0, heldAt - originMs), endMs: Math.max(0, e.time - originMs) });
      heldAt = null;
    }
  }
  return spans;
}

function greeting(segments: readonly Segment[]): AutoCheck {
  const label = "Greeting said";
  const first = segments.find((s) => s.speaker === "agent");
  if (!first) return { id: "greeting", label, status: "unknown", detail: "no agent speech in the transcript", moments: [] };
  const opening = segments.filter((s) => s.speaker === "agent" && s.startMs <= first.startMs + CHECK_LIMITS.greetingWithinMs).slice(0, 2);
  const hit = opening.find((s) => GREETINGS.some((g) => g.test(norm(s.text))));
  return hit
    ? { id: "greeting", label, status: "pass", detail: `"${quote(hit.text)}"`, moments: [{ ms: hit.startMs, note: "greeting" }] }
    : {
        id: "greeting",
        label,
        status: "fail",
        detail: `no greeting in the agent's opening words ("${quote(first.text)}")`,
        moments: [{ ms: first.startMs, note: "agent's first words" }],
      };
}

function identity(segments: readonly Segment[]): AutoCheck {
  const label = "Identity checked";
  const agent = segments.filter((s) => s.speaker === "agent");
  if (agent.length === 0) return { id: "identity", label, status: "unknown", detail: "no agent speech in the transcript", moments: [] };
  const hit = agent.find((s) => IDENTITY.some((r) => r.test(norm(s.text))));
  return hit
    ? { id: "identity", label, status: "pass", detail: `"${quote(hit.text)}"`, moments: [{ ms: hit.startMs, note: "identity question" }] }
    : { id: "identity", label, status: "fail", detail: "the agent asked no identity or security question", moments: [] };
}

/** Gaps with nobody speaking, less the time on hold (hold music is not a silence the agent caused). */
function silence(segments: readonly Segment[], holds: readonly { startMs: number; endMs: number }[], durationMs: number): AutoCheck {
  const label = "No long silence";
  if (segments.length === 0) return { id: "silence", label, status: "unknown", detail: "no transcript", moments: [] };
  const busy = [...segments.map((s) => ({ startMs: s.startMs, endMs: s.endMs })), ...holds].sort((a, b) => a.startMs - b.startMs);
  const moments: Moment[] = [];
  let cursor = 0;
  for (const b of [...busy, { startMs: durationMs, endMs: durationMs }]) {
    if (b.startMs - cursor >= CHECK_LIMITS.silenceMs) moments.push({ ms: cursor, endMs: b.startMs, note: `${seconds(b.startMs - cursor)} of silence` });
    cursor = Math.max(cursor, b.endMs);
  }
  return moments.length === 0
    ? { id: "silence", label, status: "pass", detail: `no silence of ${seconds(CHECK_LIMITS.silenceMs)} or more`, moments }
    : {
        id: "silence",
        label,
        status: "fail",
        detail: `${moments.length} silence${moments.length === 1 ? "" : "s"} of ${seconds(CHECK_LIMITS.silenceMs)} or more`,
        moments,
      };
}

function hold(holds: readonly { startMs: number; endMs: number }[]): AutoCheck {
  const label = "No long hold";
  const long = holds.filter((h) => h.endMs - h.startMs >= CHECK_LIMITS.holdMs);
  const moments = long.map((h) => ({ ms: h.startMs, endMs: h.endMs, note: `on hold ${seconds(h.endMs - h.startMs)}` }));
  if (long.length > 0)
    return { id: "hold", label, status: "fail", detail: `${long.length} hold${long.length === 1 ? "" : "s"} of ${seconds(CHECK_LIMITS.holdMs)} or more`, moments };
  return {
    id: "hold",
    label,
    status: "pass",
    detail: holds.length === 0 ? "no hold" : `${holds.length} hold${holds.length === 1 ? "" : "s"}, each under ${seconds(CHECK_LIMITS.holdMs)}`,
    moments,
  };
}

function talkover(segments: readonly Segment[]): AutoCheck {
  const label = "No talk-over";
  const agent = segments.filter((s) => s.speaker === "agent");
  const caller = segments.filter((s) => s.speaker === "caller");
  if (agent.length === 0 || caller.length === 0) return { id: "talkover", label, status: "unknown", detail: "the transcript lacks one of the two parties", moments: [] };
  const moments: Moment[] = [];
  for (const a of agent) {
    for (const c of caller) {
      const start = Math.max(a.startMs, c.startMs);
      const end = Math.min(a.endMs, c.endMs);
      if (end - start >= CHECK_LIMITS.overlapMs) moments.push({ ms: start, endMs: end, note: `both speaking ${(Math.round((end - start) / 100) / 10).toFixed(1)} s` });
    }
  }
  moments.sort((x, y) => x.ms - y.ms);
  return moments.length === 0
    ? { id: "talkover", label, status: "pass", detail: `no overlap of ${CHECK_LIMITS.overlapMs / 1000} s or more`, moments }
    : {
        id: "talkover",
        label,
        status: "fail",
        detail: `${moments.length} overlap${moments.length === 1 ? "" : "s"} of ${CHECK_LIMITS.overlapMs / 1000} s or more`,
        moments,
      };
}

/**
 * All checks for one leg. `originMs` is the recording's start (epoch ms; the
 * events are placed on the recording's clock with it); `durationMs` its length.
 */
export function autoChecks(p: { segments: readonly Segment[]; events: readonly CtiEvent[]; legId: string; originMs: number; durationMs: number }): AutoCheck[] {
  const segments = [...p.segments].sort((a, b) => a.startMs - b.startMs);
  const holds = holdSpans(p.events, p.legId, p.originMs);
  return [greeting(segments), identity(segments), silence(segments, holds, p.durationMs), hold(holds), talkover(segments)];
}
