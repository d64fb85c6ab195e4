import type { Answer } from "@/lib/qa/scorecards/scoring";
import { formatDateTime } from "@/lib/tables/format";
import { useShownTimeZone } from "@/components/kit/shown-zone";

/** How QA figures read on the page. */

/** An answer as the form offers it: Yes, No, N/A, or the scale's number; "–" when not answered. */
export const formatAnswer = (a: Answer | null | undefined): string =>
  a === undefined || a === null ? "–" : a === "yes" ? "Yes" : a === "no" ? "No" : a === "na" ? "N/A" : String(a);

export const formatScore = (score: number | null | undefined): string => (score === null || score === undefined ? "–" : `${(Math.round(score * 10) / 10).toFixed(1)} %`);

/** A moment of a recording as m:ss (h:mm:ss past an hour). */
export function formatMoment(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** A name from an answer's `names` (lib/directory/names.ts): the id itself when the directory has none. */
export const nameOf = (names: Record<string, string> | undefined, id: string): string => names?.[id] ?? id;

/**
 * Times to the minute on the clock the page shows (the centre's or the viewer's, as the
 * "Times in" switch under the nav says), like every other page.
 */
export function useFormatWhen(): (ms: number) => string {
  const tz = useShownTimeZone();
  return (ms) => formatDateTime(ms, tz).slice(0, 16);
}
