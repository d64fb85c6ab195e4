"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { CallRecording } from "@/lib/calls/call-view";
import { restoreRecording } from "@/lib/query-options/recordings";

/**
 * For whole-centre admins, beside a redacted recording whose original was kept: undo the
 * redaction (a redaction judged wrong), after a second press, since everyone who may play the
 * recording then hears what it silenced. The page is read again afterwards.
 */
export function RestoreOriginal({ recording }: { recording: CallRecording }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  if (!recording.originalKept || recording.media !== "stored") return null;
  const restore = async () => {
    setState({ busy: true, error: null });
    try {
      await restoreRecording(recording.recordingId);
      setAsking(false);
      setState({ busy: false, error: null });
      router.refresh();
    } catch (e) {
      setState({ busy: false, error: (e as Error).message });
    }
  };
  return (
    <section className="card restore-original" data-testid="restore-original">
      <p className="muted">
        {recording.redactedSpans} redacted span{recording.redactedSpans === 1 ? "" : "s"} silenced; the audio before redaction is kept (admins only).
      </p>
      {asking ? (
        <p>
          Everyone who may play this recording will hear what the redaction silenced.{" "}
          <button type="button" className="button button-small button-primary" disabled={state.busy} onClick={() => void restore()}>
            Restore it
          </button>{" "}
          <button type="button" className="button button-small" disabled={state.busy} onClick={() => setAsking(false)}>
            Cancel
          </button>
        </p>
      ) : (
        <button type="button" className="button button-small" onClick={() => setAsking(true)}>
          Restore the unredacted audio
        </button>
      )}
      {state.error && (
        <p className="notice" role="alert">
          Not restored: {state.error}
        </p>
      )}
    </section>
  );
}
