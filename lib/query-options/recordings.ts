import { apiSend } from "./api-send";

/** An admin serves a recording's kept original again (POST /api/recordings/{id}/restore). */
export const restoreRecording = (recordingId: string) =>
  apiSend<{ recordingId: string; version: number; redactedSpans: number }>("POST", `/api/recordings/${encodeURIComponent(recordingId)}/restore`, {});
