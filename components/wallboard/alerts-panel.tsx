"use client";

import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { floorAlerts, newAlertKeys, type AlertKind } from "@/lib/live/alerts";
import type { WallboardView } from "@/lib/live/view-types";
import { useBoardNow } from "./board-clock";
import { playAlertTone, unlockAlertTone } from "./alert-tone";
import styles from "./floor-summary.module.css";

const KIND_LABELS: Record<AlertKind, string> = {
  long_wait: "Caller waiting",
  target_breach: "Below target",
  not_ready: "Not ready",
  after_call_work: "After-call work",
};

/** The viewer's choice, per browser: off until they turn it on. */
const SOUND_KEY = "wallboard.alertSound";
const soundListeners = new Set<() => void>();
const readSound = () => (typeof localStorage === "undefined" ? false : localStorage.getItem(SOUND_KEY) === "on");
function setSound(on: boolean): void {
  localStorage.setItem(SOUND_KEY, on ? "on" : "off");
  for (const l of soundListeners) l();
}
const subscribeSound = (l: () => void) => {
  soundListeners.add(l);
  return () => soundListeners.delete(l);
};

/**
 * What needs a supervisor now (lib/live/alerts.ts), recomputed each second by the
 * board's clock; optionally a short tone when a new alert appears. `controls`: the
 * sound switch (not in TV mode, which has no controls; there the choice made in this
 * browser applies). `audible`: false on a replayed board.
 */
export function AlertsPanel({ view, controls, audible }: { view: WallboardView; controls: boolean; audible: boolean }) {
  const now = useBoardNow();
  const alerts = useMemo(() => floorAlerts(view, view.meta.alertSettings, now), [view, now]);
  const sound = useSyncExternalStore(subscribeSound, readSound, () => false);
  const seen = useRef<Set<string> | null>(null);

  useEffect(() => {
    const fresh = seen.current === null ? [] : newAlertKeys(seen.current, alerts);
    seen.current = new Set(alerts.map((a) => a.key));
    if (fresh.length > 0 && sound && audible) playAlertTone();
  }, [alerts, sound, audible]);

  return (
    <>
      {/* Said when the number changes, not each second as the durations tick. */}
      <p className="sr-only" aria-live="polite">
        {alerts.length === 0 ? "No alert" : `${alerts.length} alert${alerts.length === 1 ? "" : "s"}`}
      </p>
      {controls && (
        <button
          type="button"
          className={`button button-small ${styles.sound}`}
          aria-pressed={sound}
          data-testid="alert-sound"
          onClick={() => {
            if (!sound) unlockAlertTone();
            setSound(!sound);
          }}
        >
          {sound ? "Alert sound: on" : "Alert sound: off"}
        </button>
      )}
      {alerts.length === 0 ? (
        <p className={styles.none} data-testid="no-alerts">
          No alert: every agent, caller and queue is within its limits.
        </p>
      ) : (
        <ul className={styles.alerts} data-testid="alerts">
          {alerts.map((a) => (
            <li key={a.key} className={styles.alert} data-kind={a.kind} data-severity={a.severity} data-testid="alert">
              <span className={styles.alertKind}>
                <span aria-hidden="true">{a.severity === "critical" ? "✕ " : "▲ "}</span>
                {KIND_LABELS[a.kind]}
              </span>
              <span className={styles.alertSubject} data-testid="alert-subject">
                {a.subject}
              </span>
              <span>{a.message}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
