/** How QA figures read on the page. */

export const formatScore = (score: number | null | undefined): string => (score === null || score === undefined ? "–" : `${(Math.round(score * 10) / 10).toFixed(1)} %`);

/** A moment of a recording as m:ss (h:mm:ss past an hour). */
export function formatMoment(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

export const formatWhen = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace("T", " ") + " UTC";
