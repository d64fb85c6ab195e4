/**
 * Red / amber / green of a service level against its queue's target (docs/kpis.md,
 * "Targets"). Green: at or above the target. Amber: below it by at most
 * TARGET_AMBER_BAND_PTS percentage points (a bad half hour, not yet a bad day).
 * Red: further below. No value (nothing to judge yet) is "none", never green.
 *
 * The band is a documented constant rather than a setting: one rule across queues
 * keeps "amber" meaning the same thing on every screen.
 */

export const TARGET_AMBER_BAND_PTS = 5;

export const RAG_STATUSES = ["green", "amber", "red", "none"] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

/** `valuePct` and `targetPct` in percent (0-100). */
export function ragStatus(valuePct: number | null, targetPct: number, amberBandPts: number = TARGET_AMBER_BAND_PTS): RagStatus {
  if (valuePct === null || !Number.isFinite(valuePct)) return "none";
  // Rounded to a hundredth of a point first: 79.99999999 from a ratio's float arithmetic is 80.
  const v = Math.round(valuePct * 100) / 100;
  if (v >= targetPct) return "green";
  if (v >= targetPct - amberBandPts) return "amber";
  return "red";
}

/** The status in words, so colour is never the only signal. */
export const RAG_LABELS: Record<RagStatus, string> = {
  green: "On target",
  amber: "Just below target",
  red: "Below target",
  none: "No data yet",
};

/** A symbol beside the colour (shape differs, for viewers who cannot tell the colours apart). */
export const RAG_ICONS: Record<RagStatus, string> = { green: "✓", amber: "▲", red: "✕", none: "–" };

/** The one target several queues share, or null when they differ (each is then judged by its own). */
export function sharedTarget(targets: readonly number[]): number | null {
  const distinct = new Set(targets);
  const [only] = distinct;
  return distinct.size === 1 && only !== undefined ? only : null;
}
