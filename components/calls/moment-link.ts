/**
 * The call page's URL state: which recording (`recording`) and which moment (`t`,
 * seconds from the recording's start, to the millisecond). Pure, shared by the page and
 * its "link to this moment".
 */
export function parseMoment(t: string | null): number | null {
  if (t === null || !/^\d{1,6}(\.\d{1,3})?$/.test(t)) return null;
  return Math.round(Number(t) * 1000);
}

export function momentHref(callId: string, recordingId: string, ms: number): string {
  const qs = new URLSearchParams({ recording: recordingId, t: (Math.max(0, Math.round(ms)) / 1000).toString() });
  return `/calls/${encodeURIComponent(callId)}?${qs.toString()}`;
}

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** The next speed up (`+1`) or down (`-1`) from the current one, staying within 0.5x to 2x. */
export function stepRate(rate: number, dir: 1 | -1): number {
  const i = PLAYBACK_RATES.findIndex((r) => r >= rate - 1e-9);
  const at = i < 0 ? PLAYBACK_RATES.length - 1 : i;
  return PLAYBACK_RATES[Math.min(PLAYBACK_RATES.length - 1, Math.max(0, at + dir))] ?? 1;
}
