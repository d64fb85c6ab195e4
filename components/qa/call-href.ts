import { momentHref } from "@/components/calls/moment-link";

/** The call page, at a moment of a recording when there is one: where evaluations are made and their moments played. */
export function callHref(callId: string, recordingId: string, ms = 0, calibrationId?: string): string {
  const base = recordingId ? momentHref(callId, recordingId, ms) : `/calls/${encodeURIComponent(callId)}`;
  if (!calibrationId) return base;
  return `${base}${base.includes("?") ? "&" : "?"}calibration=${encodeURIComponent(calibrationId)}`;
}
