"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { CallView } from "@/lib/calls/call-view";
import { formatDateTime, formatDuration } from "@/lib/tables/format";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useView } from "@/components/kit/use-view";
import { CallFactsPanel } from "./call-facts-panel";
import { CallPlayerContext, type CallPlayer } from "./call-player-context";
import { momentHref, parseMoment, stepRate } from "./moment-link";
import { RecordingPlayer, type PlayerHandle } from "./recording-player";
import { RestoreOriginal } from "./restore-original";
import { TranscriptPanel } from "./transcript-panel";

const SKIP_MS = 5_000;

/** Keys typed into a field are the field's, not the player's. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The call page: the chosen recording's player and transcript, the call's facts, and
 * the evaluation slot (QA's panel, given the player through CallPlayerContext). The
 * recording (`?recording=`) and the moment (`?t=` seconds) come from the URL.
 */
export function CallPage({
  view,
  evaluationSlot,
  canRestore = false,
}: {
  view: CallView;
  evaluationSlot?: ReactNode;
  /** Whole-centre admins may restore a redacted recording's kept original. */
  canRestore?: boolean;
}) {
  const tz = useShownTimeZone();
  const { param, setParams } = useView();
  const { facts, recordings, callbacks } = view;
  const asked = param("recording");
  const recording = recordings.find((r) => r.recordingId === asked) ?? recordings[0] ?? null;
  const [currentMs, setCurrentMs] = useState(() => parseMoment(param("t")) ?? 0);
  const [rate, setRate] = useState(1);
  const [copied, setCopied] = useState(false);
  const player = useRef<PlayerHandle>(null);

  const seekTo = useCallback(
    (ms: number) => {
      const to = Math.max(0, Math.min(ms, recording?.durationMs || ms));
      setCurrentMs(to);
      player.current?.seek(to);
    },
    [recording?.durationMs],
  );

  // The keyboard handler is bound once per recording; it reads the time from here.
  const now = useRef(currentMs);
  useEffect(() => {
    now.current = currentMs;
  }, [currentMs]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === " " && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        player.current?.toggle();
      } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
        e.preventDefault();
        seekTo(now.current + (e.key === "ArrowLeft" ? -SKIP_MS : SKIP_MS));
      } else if (e.key === "[" || e.key === "]") setRate((r) => stepRate(r, e.key === "]" ? 1 : -1));
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [seekTo]);

  const context = useMemo<CallPlayer>(
    () => ({ callId: facts.callId, recordingId: recording?.recordingId ?? null, currentMs, seekTo }),
    [facts.callId, recording, currentMs, seekTo],
  );
  const link = recording ? momentHref(facts.callId, recording.recordingId, currentMs) : null;

  return (
    <CallPlayerContext.Provider value={context}>
      <div className="dashboard call-page">
        <div className="page-header">
          <div>
            <h1 className="page-title">Call {facts.callId}</h1>
            <p className="page-subtitle">
              {facts.offeredAt !== null ? `Offered ${formatDateTime(facts.offeredAt, tz)}` : "Offer time unknown"}
              {facts.durationMs !== null ? ` · lasted ${formatDuration(facts.durationMs)}` : ""} · times in {tz}
            </p>
          </div>
        </div>
        {recordings.length > 1 && (
          <div className="recording-picker" role="group" aria-label="Recordings of this call">
            {recordings.map((r, i) => (
              <button
                key={r.recordingId}
                type="button"
                className={r.recordingId === recording?.recordingId ? "button button-primary" : "button"}
                aria-pressed={r.recordingId === recording?.recordingId}
                data-recording={r.recordingId}
                onClick={() => {
                  setCurrentMs(0);
                  setParams({ recording: r.recordingId, t: undefined });
                }}
              >
                Leg {i + 1}: {facts.legs.find((l) => l.legId === r.legId)?.queueName ?? r.queueId} · {r.agentName ?? "no agent"} ({formatDuration(r.durationMs)})
              </button>
            ))}
          </div>
        )}
        <div className="call-grid">
          <div className="call-main">
            {recording ? (
              <>
                <RecordingPlayer
                  // A restore (or a redaction) changes the audio under the same URL: the player starts afresh on it.
                  key={`${recording.recordingId}:${recording.redactedSpans}:${recording.originalKept}`}
                  recording={recording}
                  currentMs={currentMs}
                  rate={rate}
                  onRate={setRate}
                  onTime={setCurrentMs}
                  handle={player}
                />
                <p className="player-help" data-testid="player-help">
                  Keys: space play/pause · ← → 5 s back/forward · [ ] slower/faster ·{" "}
                  {link && (
                    <a
                      href={link}
                      data-testid="moment-link"
                      onClick={(e) => {
                        e.preventDefault();
                        void navigator.clipboard?.writeText(new URL(link, window.location.href).toString()).then(
                          () => setCopied(true),
                          () => setCopied(false),
                        );
                      }}
                    >
                      {copied ? "Link copied" : "Copy a link to this moment"}
                    </a>
                  )}
                </p>
                {recording.markers.length > 0 && (
                  <ul className="marker-list" aria-label="Events on this recording">
                    {recording.markers.map((m, i) => (
                      <li key={i} data-marker={m.kind}>
                        <button type="button" className="link-button" onClick={() => seekTo(m.startMs)}>
                          {formatDuration(m.startMs)}
                        </button>{" "}
                        {m.label}
                        {m.endMs > m.startMs ? ` (${formatDuration(m.endMs - m.startMs)})` : ""}
                      </li>
                    ))}
                  </ul>
                )}
                {canRestore && <RestoreOriginal recording={recording} />}
                <TranscriptPanel callId={facts.callId} recordingId={recording.recordingId} currentMs={currentMs} onSeek={seekTo} />
              </>
            ) : (
              <section className="card">
                <p className="muted" data-testid="no-recordings">
                  This call has no recording.
                </p>
              </section>
            )}
          </div>
          <aside className="call-side">
            <CallFactsPanel facts={facts} callbacks={callbacks} tz={tz} />
            {/* The evaluation slot: QA's panel goes here and reads the player through CallPlayerContext. */}
            <div className="evaluation-slot" data-slot="evaluation">
              {evaluationSlot}
            </div>
          </aside>
        </div>
      </div>
    </CallPlayerContext.Provider>
  );
}
