import type { TimelineSegment } from "@/lib/agent-timeline/agent-timeline";
import { formatDuration } from "@/lib/tables/format";
import { reasonLabel } from "@/lib/tables/reason-label";
import { STATE_LABELS } from "@/lib/tables/timeline-table";

/**
 * The state timeline's bar: each interval as a share of the day, positioned from
 * the day's start, with hour ticks. The day can be 23 or 25 hours long across a
 * DST change, so positions are shares of the real span, and tick labels come from
 * the zone's wall clock.
 */

export type TimelineBarSegment = { start: number; leftPct: number; widthPct: number; state: TimelineSegment["state"]; title: string };
export type TimelineTick = { leftPct: number; label: string };
export type TimelineBarModel = {
  segments: TimelineBarSegment[];
  ticks: TimelineTick[];
  /** Milliseconds per state within the shown part of the day. */
  totals: Record<TimelineSegment["state"], number>;
  /** Share of the day not yet happened (today), drawn as future. */
  futurePct: number;
};

export function prepareTimelineBar(segments: readonly TimelineSegment[], span: { from: number; to: number }, tz: string, now: number): TimelineBarModel {
  const length = span.to - span.from;
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const totals: TimelineBarModel["totals"] = { ready: 0, not_ready: 0, busy: 0, after_call_work: 0, none: 0 };
  const out: TimelineBarSegment[] = [];
  for (const s of segments) {
    totals[s.state] += s.end - s.start;
    const reason = s.reasonCode ? ` (${reasonLabel(s.reasonCode)})` : "";
    out.push({
      start: s.start,
      leftPct: ((s.start - span.from) / length) * 100,
      widthPct: ((s.end - s.start) / length) * 100,
      state: s.state,
      title: `${clock.format(s.start)}–${clock.format(s.end)} ${STATE_LABELS[s.state]}${reason}, ${formatDuration(s.end - s.start)}`,
    });
  }
  const ticks: TimelineTick[] = [];
  // A tick every three hours of wall clock, placed where that hour really starts.
  for (let t = span.from; t < span.to; t += 3_600_000) {
    const label = clock.format(t);
    if (label.endsWith(":00") && Number(label.slice(0, 2)) % 3 === 0) ticks.push({ leftPct: ((t - span.from) / length) * 100, label });
  }
  const futurePct = now >= span.to ? 0 : now <= span.from ? 100 : ((span.to - now) / length) * 100;
  return { segments: out, ticks, totals, futurePct };
}
