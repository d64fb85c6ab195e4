import { isSlVariant, QUEUE_DEFAULTS, type SlVariant } from "@/lib/kpi/definitions";
import { periodIncludesNow, type TimeRange } from "@/lib/time/periods";
import { defaultInterval } from "@/lib/time/granularity";
import { DEFAULT_COMPARISON, comparisonRange, type Comparison } from "@/lib/time/comparisons";
import type { Interval } from "@/lib/time/buckets";
import type { SeriesRequest, SummaryRequest } from "@/lib/api/endpoints/kpi";
import type { QueueInfo } from "@/lib/directory/list-queues";
import { viewRange, type ViewParams } from "@/lib/views/view-params";

/**
 * What a KPI dashboard (overview, a queue's page) asks the API for, from its
 * view. Server prefetch and browser both build their requests here, so their
 * query keys are the same.
 */
export type DashboardRequests = {
  range: TimeRange;
  live: boolean;
  interval: Interval;
  queueIds: string[];
  variant: SlVariant;
  impliedVariant: SlVariant;
  summary: SummaryRequest;
  previous: SummaryRequest;
  series: SeriesRequest;
};

export function dashboardRequests(args: {
  view: ViewParams;
  now: number;
  tz: string;
  queues: readonly QueueInfo[];
  queueId?: string;
  cmp?: Comparison;
}): DashboardRequests {
  const { view, now, tz, queueId } = args;
  const range = viewRange(view, now, tz);
  const live = periodIncludesNow(range, now);
  const interval = defaultInterval(range);
  const queueIds = queueId ? [queueId] : view.queueIds;
  // One queue shown alone is judged by its own service-level variant unless the viewer picked another.
  const single = queueIds.length === 1 ? args.queues.find((q) => q.id === queueIds[0]) : undefined;
  const impliedVariant: SlVariant = single && isSlVariant(single.slVariant) ? single.slVariant : QUEUE_DEFAULTS.slVariant;
  const variant = queueId ? impliedVariant : (view.variant ?? impliedVariant);
  const scope = { from: range.from, to: range.to, queue: queueIds, team: view.teamIds };
  const prev = comparisonRange(args.cmp ?? DEFAULT_COMPARISON, view.period, range, now, tz);
  return {
    range,
    live,
    interval,
    queueIds,
    variant,
    impliedVariant,
    summary: { ...scope, variant },
    previous: { ...scope, from: prev.from, to: prev.to, variant },
    series: { ...scope, interval, tz, variant },
  };
}
