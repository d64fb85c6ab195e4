"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { ErrorState } from "@/components/ui/error-state";
import { useShownZone } from "@/components/kit/shown-zone";
import { useNow } from "@/components/kit/use-client-clock";
import { fromZoneInput, toZoneInput } from "@/lib/time/zone-input";
import { Skeleton } from "@/components/ui/skeleton";
import { BoardClockProvider } from "./board-clock";
import { Board } from "./board";
import styles from "./wallboard.module.css";

function describeInstant(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "full", timeStyle: "medium" }).format(t);
}

/**
 * The floor at a chosen past moment, rebuilt on the server by the live reducer
 * over stored events. The board stands still at that instant; the URL holds it,
 * so a replay can be shared.
 */
export function ReplayBoard({ at }: { at: number | null }) {
  const router = useRouter();
  // The moment is typed and shown on the clock the page shows (the centre's unless the viewer chose their own).
  const { tz } = useShownZone();
  const now = useNow();
  const inputId = useId();
  const [edited, setValue] = useState<string | null>(null);
  const value = edited ?? toZoneInput(at ?? now - 3_600_000, tz);
  const [inputError, setInputError] = useState<string | null>(null);
  const replay = useQuery({ ...apiQueryOptions("/api/live/replay", { at: at ?? 0 }, { staleTime: Infinity }), enabled: at !== null });
  const clock = useMemo(() => ({ kind: "fixed" as const, at: at ?? 0 }), [at]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = fromZoneInput(value, tz);
    if (!Number.isFinite(t)) return setInputError("Enter a date and time.");
    if (t > Date.now()) return setInputError("Choose a moment in the past.");
    setInputError(null);
    router.push(`/wallboard/replay?at=${t}`);
  };

  return (
    <div className={styles.board}>
      <div className={styles.header}>
        <div>
          <h1 className={styles.title}>Wallboard replay</h1>
          <p className={styles.subtitle}>
            {replay.data
              ? `The floor at ${describeInstant(replay.data.meta.asOf, tz)} (times in ${tz}; counters since midnight in ${replay.data.meta.timeZone})`
              : "The floor as it was at any past moment"}
          </p>
        </div>
        <div className={styles.headerSide}>
          <span className={styles.status} data-status="replay" data-testid="live-status">
            <span className={styles.dot} aria-hidden="true" />
            Replay
          </span>
          <Link className="button" href="/wallboard">
            Back to live
          </Link>
        </div>
      </div>
      <form className={styles.replayBar} onSubmit={submit} aria-label="Choose a moment">
        <div className="field">
          <label className="field-label" htmlFor={inputId}>
            Moment (times in {tz})
          </label>
          <input
            id={inputId}
            className="input"
            type="datetime-local"
            step={1}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={inputError ? `${inputId}-error` : undefined}
          />
        </div>
        <button type="submit" className="button button-primary">
          Show the floor
        </button>
        {inputError && (
          <p id={`${inputId}-error`} className="field-error" role="alert">
            {inputError}
          </p>
        )}
      </form>
      {at === null ? (
        <p className={styles.empty}>Choose a moment above to see the queues, agents and calls as they were then.</p>
      ) : replay.isError ? (
        <ErrorState title="The floor could not be replayed." error={replay.error} onRetry={() => void replay.refetch()} />
      ) : replay.data ? (
        <BoardClockProvider clock={clock}>
          <Board view={replay.data} />
        </BoardClockProvider>
      ) : (
        <div aria-busy="true" aria-label="Replaying the stored events">
          <Skeleton height="180px" width="100%" />
        </div>
      )}
    </div>
  );
}
