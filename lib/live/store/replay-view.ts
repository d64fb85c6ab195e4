import type { ClickHouseClient } from "@clickhouse/client";
import { floorAt } from "../replay";
import { buildView } from "../view";
import type { WallboardView } from "../view-types";
import { floorWindow } from "../window";
import { loadDirectory } from "./directory";
import { loadFloorEvents } from "./load-events";
import { loadThresholds } from "./thresholds-store";
import { readAlertSettings } from "./alert-settings-record";

/** The wallboard as it was at `at`: stored events through the live reducer (see replay.ts). */
export async function replayView(ch: ClickHouseClient, tenantId: string, timeZone: string, at: number): Promise<WallboardView> {
  const w = floorWindow(at, timeZone);
  const [events, directory, thresholds, alerts] = await Promise.all([
    loadFloorEvents(ch, tenantId, w),
    loadDirectory(ch, tenantId),
    loadThresholds(ch, tenantId),
    readAlertSettings(ch, tenantId),
  ]);
  return buildView(floorAt(events, timeZone, w), directory, thresholds, { version: 0, serverTime: Date.now(), replay: true, alertSettings: alerts.state });
}
