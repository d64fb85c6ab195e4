"use client";

import { useQuery } from "@tanstack/react-query";
import type { ResultOf } from "@/lib/api/endpoint";
import type { transcription } from "@/lib/api/endpoints/speech";
import { fetchJson } from "@/lib/query-options/fetch-json";

type Status = ResultOf<typeof transcription>;

/** While a job waits or runs, its progress is asked again this often. */
const REFRESH_MS = 3_000;

/**
 * What the transcript area says of a recording with no transcript yet: the speech
 * queue's state ("transcribing, 40 %", "waiting to be transcribed", "transcription
 * failed: ..."), or plainly that no recogniser is set up on this server. A recording the
 * queue never saw (a simulated call's transcript comes from the simulator) says nothing more.
 */
export function TranscriptionNote({ recordingId }: { recordingId: string }) {
  const status = useQuery({
    queryKey: ["transcription", recordingId],
    queryFn: ({ signal }) => fetchJson<Status>(`/api/transcriptions/${encodeURIComponent(recordingId)}`, signal),
    refetchInterval: (q) => (q.state.data?.state === "queued" || q.state.data?.state === "running" ? REFRESH_MS : false),
  });
  const s = status.data;
  const text = !s || s.state === "none" ? "No transcript for this recording yet." : s.message;
  return (
    <p className="muted" data-testid="transcript-empty" data-transcription={s?.state ?? ""}>
      {text}
    </p>
  );
}
