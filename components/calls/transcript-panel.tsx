"use client";

import { memo, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import type { ResultOf } from "@/lib/api/endpoint";
import type { callTranscript } from "@/lib/api/endpoints/calls";
import type { TranscriptSegment } from "@/lib/calls/transcript";
import { fetchJson } from "@/lib/query-options/fetch-json";
import { formatDuration } from "@/lib/tables/format";
import { TranscriptionNote } from "@/components/speech/transcription-note";
import { flattenWords, wordIndexAt } from "./word-at-time";

type Transcript = ResultOf<typeof callTranscript>;

const SPEAKERS: Record<string, string> = { agent: "Agent", caller: "Caller", supervisor: "Supervisor" };

export function transcriptUrl(callId: string, recordingId: string): string {
  return `/api/calls/${encodeURIComponent(callId)}/recordings/${encodeURIComponent(recordingId)}/transcript`;
}

/**
 * The open recording's transcript: each word highlighted while it is spoken, a click
 * on a word seeks there. It follows playback by scrolling itself, until the reader
 * scrolls it: then it stays where they put it, and a button brings it back.
 */
export function TranscriptPanel({ callId, recordingId, currentMs, onSeek }: { callId: string; recordingId: string; currentMs: number; onSeek: (ms: number) => void }) {
  const transcript = useQuery({
    queryKey: ["call-transcript", callId, recordingId],
    queryFn: ({ signal }) => fetchJson<Transcript>(transcriptUrl(callId, recordingId), signal),
  });
  const segments = useMemo(() => transcript.data?.segments ?? [], [transcript.data]);
  const words = useMemo(() => flattenWords(segments), [segments]);
  const active = words[wordIndexAt(words, currentMs)];
  const box = useRef<HTMLDivElement>(null);
  const ownScroll = useRef(false);
  const [follow, setFollow] = useState(true);

  useEffect(() => {
    const el = box.current;
    if (!follow || !el || !active) return;
    const word = el.querySelector<HTMLElement>(`[data-segment="${active.segment}"] [data-word="${active.word}"]`);
    if (!word) return;
    const top = word.offsetTop - el.offsetTop;
    // Only when the word has left the middle band: no scrolling at every word.
    if (top < el.scrollTop + el.clientHeight * 0.2 || top > el.scrollTop + el.clientHeight * 0.7) {
      ownScroll.current = true;
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
    }
  }, [active, follow]);

  const seek = useCallback(
    (ms: number) => {
      setFollow(true);
      onSeek(ms);
    },
    [onSeek],
  );

  return (
    <section className="card transcript" aria-labelledby="transcript-title">
      <div className="card-header transcript-header">
        <h2 className="card-title" id="transcript-title">
          Transcript
        </h2>
        {!follow && (
          <button type="button" className="link-button" onClick={() => setFollow(true)} data-testid="transcript-follow">
            Follow playback
          </button>
        )}
      </div>
      {transcript.isPending ? (
        <p className="muted">Loading the transcript…</p>
      ) : transcript.isError ? (
        <p className="muted" role="alert">
          The transcript could not be loaded: {transcript.error.message}
        </p>
      ) : segments.length === 0 ? (
        <TranscriptionNote recordingId={recordingId} />
      ) : (
        <div
          className="transcript-body"
          ref={box}
          data-testid="transcript"
          onScroll={() => {
            if (ownScroll.current) ownScroll.current = false;
            else setFollow(false);
          }}
        >
          {segments.map((s, i) => (
            <Segment key={s.index} segment={s} position={i} activeWord={active?.segment === i ? active.word : -1} onSeek={seek} />
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * One speaker turn. Memoised: during playback only the turn holding the spoken word re-renders.
 *
 * Words are text, not buttons: they sit in a sentence, which is WCAG 2.5.8's inline
 * exception, whereas hundreds of word-sized buttons fail its 24 px target size and make
 * a keyboard user tab through every word. A pointer seeks by clicking a word (one
 * handler on the paragraph); the keyboard seeks by the turn's time button and the
 * player's own keys.
 */
const Segment = memo(function Segment({
  segment,
  position,
  activeWord,
  onSeek,
}: {
  segment: TranscriptSegment;
  position: number;
  activeWord: number;
  onSeek: (ms: number) => void;
}) {
  const seekToWord = (event: MouseEvent<HTMLParagraphElement>) => {
    const word = (event.target as HTMLElement).closest<HTMLElement>("[data-start-ms]");
    if (word) onSeek(Number(word.dataset.startMs));
  };
  return (
    <div className="transcript-segment" data-segment={position} data-speaker={segment.speaker}>
      <div className="transcript-meta">
        <span className={`speaker speaker-${segment.speaker}`}>{SPEAKERS[segment.speaker] ?? segment.speaker}</span>
        <button type="button" className="link-button transcript-time" onClick={() => onSeek(segment.startMs)}>
          {formatDuration(segment.startMs)}
        </button>
      </div>
      <p className="transcript-text" onClick={seekToWord}>
        {segment.words.map((w, j) => (
          <span key={j}>
            <span className={j === activeWord ? "word word-active" : "word"} data-word={j} data-start-ms={w.s} aria-current={j === activeWord ? "true" : undefined}>
              {w.t}
            </span>{" "}
          </span>
        ))}
      </p>
    </div>
  );
});
