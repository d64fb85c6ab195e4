import type { ClickHouseClient } from "@clickhouse/client";
import { LiveFloor } from "./live-floor";
import { getLiveFloor, setLiveFloor } from "./registry";
import { loadDirectory } from "./store/directory";
import { loadFloorEvents } from "./store/load-events";
import { loadThresholds } from "./store/thresholds-store";
import { readAlertSettings } from "./store/alert-settings-record";
import { floorWindow } from "./window";

export type StartFloorDeps = {
  ch: ClickHouseClient;
  tenantId: string;
  timeZone: string;
  log?: (line: string) => void;
  /** How often names, KPI settings and thresholds are re-read (an admin may change them). */
  refreshMs?: number;
  now?: () => number;
  /** INGEST_MAX_FUTURE_MS: live events dated further ahead are ignored (live-admission.ts). */
  maxFutureMs?: number;
};

const SNAPSHOT_ATTEMPTS = 5;

/**
 * Creates the process's live floor and, in the background, fills it: names and
 * thresholds, then the snapshot rebuilt from the store's recent events. Returns at
 * once so the caller can attach the live stream before any event can be missed
 * (events arriving meanwhile are held by the floor until the snapshot is in).
 */
export function startLiveFloor(deps: StartFloorDeps): LiveFloor {
  const existing = getLiveFloor();
  if (existing) return existing;
  const { ch, tenantId, timeZone } = deps;
  const log = deps.log ?? console.log;
  const now = deps.now ?? Date.now;
  const floor = new LiveFloor({ timeZone, now, ...(deps.maxFutureMs === undefined ? {} : { maxFutureMs: deps.maxFutureMs }) });
  setLiveFloor(floor);

  const refresh = async () => {
    const [directory, thresholds, alerts] = await Promise.all([loadDirectory(ch, tenantId), loadThresholds(ch, tenantId), readAlertSettings(ch, tenantId)]);
    floor.setDirectory(directory);
    floor.setThresholds(thresholds);
    floor.setAlertSettings(alerts.state);
  };
  const fill = async () => {
    await refresh().catch((e: unknown) => console.error("live floor: reading names and thresholds failed", e));
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      try {
        const events = await loadFloorEvents(ch, tenantId, floorWindow(now(), timeZone), false);
        floor.loadSnapshot(events);
        log(`live floor: rebuilt from ${events.length.toLocaleString("en")} stored events in ${Date.now() - started} ms (day in ${timeZone})`);
        return;
      } catch (e) {
        if (attempt >= SNAPSHOT_ATTEMPTS) {
          // Better a floor that fills from the live stream than none at all.
          console.error("live floor: no snapshot from the store; starting from the live stream alone", e);
          floor.loadSnapshot([]);
          return;
        }
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
  };
  void fill();
  const timer = setInterval(() => void refresh().catch((e: unknown) => console.error("live floor: refresh failed", e)), deps.refreshMs ?? 30_000);
  timer.unref();
  floor.onStop(() => {
    clearInterval(timer);
    if (getLiveFloor() === floor) setLiveFloor(undefined);
  });
  return floor;
}
