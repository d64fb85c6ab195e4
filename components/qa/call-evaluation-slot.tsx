"use client";

import { useSearchParams } from "next/navigation";
import { useCallPlayer } from "@/components/calls/call-player-context";
import { EvaluationPanel } from "./evaluation-panel";

/**
 * The evaluation panel in the call page's evaluation slot: the player comes from
 * the page's CallPlayerContext (position, seek, the recording open), and a
 * calibration from the URL (`?calibration=`), as the calibration page links it.
 */
export function CallEvaluationSlot() {
  const player = useCallPlayer();
  const calibrationId = useSearchParams().get("calibration") ?? undefined;
  return (
    <EvaluationPanel
      callId={player.callId}
      recordingId={player.recordingId ?? undefined}
      currentMs={player.currentMs}
      seekTo={player.seekTo}
      calibrationId={calibrationId}
    />
  );
}
