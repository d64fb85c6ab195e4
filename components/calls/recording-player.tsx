"use client";

import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import { useQuery } from "@tanstack/react-query";
import type WaveSurfer from "wavesurfer.js";
import type { CallRecording } from "@/lib/calls/call-view";
import type { MarkerKind } from "@/lib/calls/timeline-markers";
import { fetchJson } from "@/lib/query-options/fetch-json";
import { formatDuration } from "@/lib/tables/format";
import { PLAYBACK_RATES } from "./moment-link";
import { silentSpans, skipTarget } from "./silence-spans";

/** The media helper's precomputed peaks (GET /api/recordings/{id}/peaks). */
export type RecordingPeaks = { durationMs: number; peaksPerSecond: number; channels: { role: string; peaks: number[] }[] };

/** What the page drives from its keyboard shortcuts. */
export type PlayerHandle = { toggle(): void; setRate(rate: number): void; seek(ms: number): void };

const ROLE_LABELS: Record<string, string> = { agent: "Agent", caller: "Caller", supervisor: "Supervisor" };
const MARKER_COLOURS: Record<MarkerKind, string> = {
  hold: "rgba(245, 158, 11, 0.25)",
  transfer: "rgba(124, 58, 237, 0.9)",
  paused: "rgba(100, 116, 139, 0.3)",
  monitoring: "rgba(13, 148, 136, 0.22)",
};
const LANE_HEIGHT = 56;

export const audioUrl = (id: string) => `/api/recordings/${encodeURIComponent(id)}/audio`;
export const peaksUrl = (id: string) => `/api/recordings/${encodeURIComponent(id)}/peaks`;

/**
 * One recording: wavesurfer.js drawing the stored peaks (one lane per channel,
 * labelled by its speaker) over an <audio preload="metadata"> element that streams
 * the audio route with range requests, the call's markers as regions, and the
 * controls. Without audio (not stored yet, deleted, or the media routes absent)
 * it says so and keeps the page working: the transcript and the time still move.
 */
export function RecordingPlayer({
  recording,
  currentMs,
  rate,
  onRate,
  onTime,
  handle,
}: {
  recording: CallRecording;
  currentMs: number;
  rate: number;
  onRate: (rate: number) => void;
  onTime: (ms: number) => void;
  handle: Ref<PlayerHandle>;
}) {
  const deleted = recording.media === "deleted";
  const peaks = useQuery({
    queryKey: ["recording-peaks", recording.recordingId],
    queryFn: ({ signal }) => fetchJson<RecordingPeaks>(peaksUrl(recording.recordingId), signal),
    enabled: !deleted,
    retry: false,
    staleTime: Infinity,
  });
  const [audioError, setAudioError] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [skipSilence, setSkipSilence] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  // The latest values for the wavesurfer callbacks, which are bound once.
  const latest = useRef({ onTime, skipSilence, currentMs, rate });
  useEffect(() => {
    latest.current = { onTime, skipSilence, currentMs, rate };
  });

  const spans = useMemo(
    () =>
      peaks.data
        ? silentSpans(
            peaks.data.channels.map((c) => c.peaks),
            peaks.data.peaksPerSecond,
          )
        : [],
    [peaks.data],
  );
  const unavailable = deleted
    ? `The audio was deleted${recording.deletedReason ? ` (${recording.deletedReason})` : ""}; the facts and transcript remain.`
    : peaks.isError
      ? `Recording not available: ${peaks.error.message}`
      : audioError;

  useEffect(() => {
    const data = peaks.data;
    const el = container.current;
    const media = audio.current;
    if (!data || !el || !media) return;
    let cancelled = false;
    let instance: WaveSurfer | null = null;
    void (async () => {
      // Loaded on demand: the player's code is not needed until a recording opens.
      const [{ default: WaveSurferClass }, { default: RegionsPlugin }] = await Promise.all([import("wavesurfer.js"), import("wavesurfer.js/plugins/regions")]);
      if (cancelled) return;
      const regions = RegionsPlugin.create();
      instance = WaveSurferClass.create({
        container: el,
        media,
        peaks: data.channels.map((c) => c.peaks),
        duration: data.durationMs / 1000,
        height: LANE_HEIGHT,
        splitChannels: data.channels.map((c) => ({
          waveColor: c.role === "agent" ? "#93c5fd" : "#fcd34d",
          progressColor: c.role === "agent" ? "#1d4ed8" : "#b45309",
        })),
        cursorColor: "#0f172a",
        normalize: false,
        dragToSeek: true,
        audioRate: latest.current.rate,
        plugins: [regions],
      });
      ws.current = instance;
      for (const m of recording.markers) {
        regions.addRegion({
          start: m.startMs / 1000,
          ...(m.endMs > m.startMs ? { end: m.endMs / 1000 } : {}),
          color: MARKER_COLOURS[m.kind],
          content: m.label,
          drag: false,
          resize: false,
        });
      }
      let last = -1;
      instance.on("timeupdate", (s) => {
        const ms = Math.round(s * 1000);
        if (latest.current.skipSilence && instance?.isPlaying()) {
          const to = skipTarget(spans, ms);
          if (to !== null) {
            instance.setTime(to / 1000);
            return;
          }
        }
        // The page re-renders on each change; 50 ms is finer than a word.
        if (Math.abs(ms - last) >= 50) {
          last = ms;
          latest.current.onTime(ms);
        }
      });
      instance.on("play", () => setPlaying(true));
      instance.on("pause", () => setPlaying(false));
      instance.on("finish", () => setPlaying(false));
      instance.setTime(latest.current.currentMs / 1000);
    })();
    return () => {
      cancelled = true;
      instance?.destroy();
      ws.current = null;
    };
    // recording.markers belong to the recording, whose id keys this component.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [peaks.data, spans]);

  useEffect(() => {
    if (ws.current) ws.current.setPlaybackRate(rate, true);
    else if (audio.current) audio.current.playbackRate = rate;
  }, [rate]);

  useImperativeHandle(
    handle,
    () => ({
      toggle: () => void ws.current?.playPause(),
      setRate: onRate,
      seek: (ms: number) => ws.current?.setTime(ms / 1000),
    }),
    [onRate],
  );

  const durationMs = peaks.data?.durationMs ?? recording.durationMs;
  const lanes = peaks.data?.channels.map((c) => c.role) ?? recording.channelRoles;
  const ready = !unavailable && peaks.data !== undefined;
  return (
    <section className="card player" aria-label="Recording player" data-testid="player" data-state={unavailable ? "unavailable" : ready ? "ready" : "loading"}>
      {unavailable ? (
        <p className="player-unavailable" role="status" data-testid="player-unavailable">
          {unavailable}
        </p>
      ) : !ready ? (
        <p className="muted">Loading the waveform…</p>
      ) : null}
      <div className="player-lanes" hidden={!ready}>
        <div className="lane-labels" aria-hidden="true">
          {lanes.map((role, i) => (
            <span key={i} className="lane-label" style={{ height: LANE_HEIGHT }}>
              {ROLE_LABELS[role] ?? role}
            </span>
          ))}
        </div>
        <div className="waveform" ref={container} data-testid="waveform" />
      </div>
      {/* The media element is always there, so the waveform binds to it; it loads only once peaks say audio exists. */}
      <audio
        ref={audio}
        preload="metadata"
        src={peaks.data && !deleted ? audioUrl(recording.recordingId) : undefined}
        onError={() => setAudioError("Recording not available: the audio could not be loaded.")}
        data-testid="player-audio"
      />
      <div className="player-controls">
        <button type="button" className="button button-primary" onClick={() => void ws.current?.playPause()} disabled={!ready} data-testid="player-play">
          {playing ? "Pause" : "Play"}
        </button>
        <output className="player-time" data-testid="player-time" data-ms={currentMs}>
          {formatDuration(currentMs)} / {formatDuration(durationMs)}
        </output>
        <label className="field-compact">
          <span className="field-label">Speed</span>
          <select className="select" value={rate} onChange={(e) => onRate(Number(e.target.value))} data-testid="player-rate">
            {PLAYBACK_RATES.map((r) => (
              <option key={r} value={r}>
                {r}×
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={skipSilence} onChange={(e) => setSkipSilence(e.target.checked)} disabled={!ready} /> Skip silence
          {ready && spans.length > 0 ? ` (${spans.length} gaps)` : ""}
        </label>
      </div>
    </section>
  );
}
