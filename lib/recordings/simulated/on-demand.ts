import type { OnDemandRenderer } from "@/lib/recordings/media/services";
import { simulatedRecordingId } from "./ids";
import { renderSimulatedRecording } from "./render";

/**
 * The media pipeline's renderer for the simulator's recordings: those named the simulator's
 * way, and neither uploaded nor imported from a directory (whose audio is stored, not
 * rendered). Only the composition root of a process running the simulator passes it.
 */
export function simulatedRecordingRenderer(): OnDemandRenderer {
  return {
    canRender: (r) => r.recordingId === simulatedRecordingId(r.legId) && r.source !== "upload" && !r.source.endsWith("://import"),
    render: renderSimulatedRecording,
  };
}
