import type { CtiEvent, EventOf } from "@/lib/events";
import { findRedactionSpans } from "./find-spans";
import type { RedactionPolicy, RedactionSpan } from "./kinds";
import { maskTokens, maskWords, textTokens } from "./mask";

/** A segment as it was before masking: kept (admins only) when the policy says so. */
export type OriginalSegment = {
  tenantId: string;
  eventId: string;
  callId: string;
  recordingId: string;
  segmentIndex: number;
  time: number;
  text: string;
  words: string[];
  redactions: RedactionSpan[];
};

export type RedactedEvents = {
  /** The events, masked where something was found; the others are the very objects given. */
  events: CtiEvent[];
  /** Indices of the events that changed (their bytes must be encoded afresh). */
  changed: number[];
  originals: OriginalSegment[];
};

/** How many words said before a segment count as its context (for cues like "card number" on the other channel). */
const CONTEXT_WORDS = 16;

type Segment = EventOf<"transcript.segment">;

/**
 * Masks card numbers, security codes and expiry dates in a batch's transcript
 * segments before they are stored: the pure step the ingest pipeline calls on
 * validated events. Segments of one recording in the batch are read in time order,
 * each with the words said just before it (either channel) as context, so the
 * agent's "and the security code?" speaks for the caller's "seven three seven"
 * (the speech queue sends a recording's segments as one batch for this). Spans
 * already on an event are kept.
 */
export function redactTranscripts(events: readonly CtiEvent[], policyFor: (tenantId: string) => RedactionPolicy): RedactedEvents {
  const groups = new Map<string, number[]>();
  events.forEach((e, i) => {
    if (e.type !== "transcript.segment") return;
    const key = `${e.tenantId}\u0000${e.data.recordingId ?? ""}\u0000${e.callId}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  if (groups.size === 0) return { events: events as CtiEvent[], changed: [], originals: [] };
  const out = [...events];
  const changed: number[] = [];
  const originals: OriginalSegment[] = [];
  for (const indices of groups.values()) {
    indices.sort((a, b) => (events[a] as Segment).data.startMs - (events[b] as Segment).data.startMs || a - b);
    let context: string[] = [];
    for (const i of indices) {
      const event = events[i] as Segment;
      const policy = policyFor(event.tenantId);
      const said = event.data.words ? event.data.words.map((w) => w.t) : textTokens(event.data.text);
      const masked = redactSegment(event, policy, context);
      context = [...context, ...said].slice(-CONTEXT_WORDS);
      if (!masked) continue;
      out[i] = masked.event;
      changed.push(i);
      if (policy.keepOriginal) originals.push(original(event, masked.spans));
    }
  }
  return { events: out, changed, originals };
}

function redactSegment(event: Segment, policy: RedactionPolicy, context: readonly string[]): { event: Segment; spans: RedactionSpan[] } | undefined {
  const d = event.data;
  const tokens = textTokens(d.text);
  const textSpans = findRedactionSpans(tokens, policy, context);
  const wordSpans = d.words
    ? findRedactionSpans(
        d.words.map((w) => w.t),
        policy,
        context,
      )
    : textSpans;
  if (textSpans.length === 0 && wordSpans.length === 0) return undefined;
  const words = d.words
    ? maskWords(
        d.words.map((w) => w.t),
        wordSpans,
      )
    : undefined;
  const data: Segment["data"] = {
    ...d,
    text: textSpans.length > 0 ? maskTokens(tokens, textSpans) : d.text,
    ...(d.words && words ? { words: d.words.map((w, k) => ({ ...w, t: words[k] as string })) } : {}),
    redactions: [...(d.redactions ?? []), ...wordSpans],
  };
  return { event: { ...event, data }, spans: wordSpans };
}

function original(e: Segment, spans: RedactionSpan[]): OriginalSegment {
  return {
    tenantId: e.tenantId,
    eventId: e.id,
    callId: e.callId,
    recordingId: e.data.recordingId ?? "",
    segmentIndex: e.data.segmentIndex,
    time: e.time,
    text: e.data.text,
    words: e.data.words?.map((w) => w.t) ?? [],
    redactions: spans,
  };
}
