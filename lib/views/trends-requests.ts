import { QUEUE_DEFAULTS, isSlVariant, type SlVariant } from "@/lib/kpi/definitions";
import { periodIncludesNow, type TimeRange } from "@/lib/time/periods";
import { chartInterval } from "@/lib/time/granularity";
import type { HeatmapRequest, SeriesRequest } from "@/lib/api/endpoints/kpi";
import type { QueueInfo } from "@/lib/directory/list-queues";
import { viewRange, type ViewParams } from "@/lib/views/view-params";

/** The trends page's requests from its view, for server prefetch and browser alike. */
export function trendsRequests(args: { view: ViewParams; now: number; tz: string; queues: readonly QueueInfo[]; granularity?: string | null }): {
  range: TimeRange;
  live: boolean;
  variant: SlVariant;
  impliedVariant: SlVariant;
  series: SeriesRequest;
  heatmap: HeatmapRequest;
} {
  const { view, now, tz } = args;
  const range = viewRange(view, now, tz);
  const single = view.queueIds.length === 1 ? args.queues.find((q) => q.id === view.queueIds[0]) : undefined;
  const impliedVariant: SlVariant = single && isSlVariant(single.slVariant) ? single.slVariant : QUEUE_DEFAULTS.slVariant;
  const variant = view.variant ?? impliedVariant;
  const scope = { from: range.from, to: range.to, queue: view.queueIds, team: view.teamIds, variant };
  return {
    range,
    live: periodIncludesNow(range, now),
    variant,
    impliedVariant,
    series: { ...scope, interval: chartInterval(range, args.granularity), tz },
    heatmap: { ...scope, tz },
  };
}
