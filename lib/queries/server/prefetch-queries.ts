import { getAgentKpis, getAgentTimeline, getHeatmap, getKpiSeries, getKpiSummary, getQueueKpis, listContacts } from "@/lib/kpi";
import { agentKpisQueryOptions, type AgentsRequest } from "../agent-kpis";
import { agentTimelineQueryOptions, type TimelineRequest } from "../agent-timeline";
import { contactListQueryOptions, type ContactsRequest } from "../contact-list";
import { definitionsQueryOptions } from "../definitions";
import { kpiHeatmapQueryOptions, type HeatmapRequest } from "../kpi-heatmap";
import { kpiSeriesQueryOptions, type SeriesRequest } from "../kpi-series";
import { kpiSummaryQueryOptions, type SummaryRequest } from "../kpi-summary";
import { queueKpisQueryOptions, type QueuesRequest } from "../queue-kpis";
import { queuesQueryOptions } from "../queue-list";
import { teamsQueryOptions } from "../team-list";
import { getDefinitions } from "./definitions";
import { listQueues } from "./list-queues";
import { listTeams } from "./list-teams";
import type { PrefetchContext } from "./prefetch";

/**
 * Server prefetches: the browser's queryOptions (same keys), answered by the
 * engine directly instead of over HTTP. Each returns what the route returns.
 */

const arr = (ids: readonly string[] | undefined) => [...(ids ?? [])];

export const prefetchQueues = ({ qc, ch, tenantId }: PrefetchContext) =>
  qc.prefetchQuery({ ...queuesQueryOptions(), queryFn: async () => ({ queues: await listQueues(ch, tenantId) }) });

export const prefetchTeams = ({ qc, ch, tenantId }: PrefetchContext) =>
  qc.prefetchQuery({ ...teamsQueryOptions(), queryFn: async () => ({ teams: await listTeams(ch, tenantId) }) });

export const prefetchSummary = ({ qc, ch, tenantId }: PrefetchContext, r: SummaryRequest) =>
  qc.prefetchQuery({
    ...kpiSummaryQueryOptions(r),
    queryFn: () => getKpiSummary(ch, { tenantId, from: r.from, to: r.to, queueIds: arr(r.queueIds), teamIds: arr(r.teamIds), variant: r.variant }),
  });

export const prefetchSeries = ({ qc, ch, tenantId }: PrefetchContext, r: SeriesRequest) =>
  qc.prefetchQuery({
    ...kpiSeriesQueryOptions(r),
    queryFn: () =>
      getKpiSeries(ch, { tenantId, from: r.from, to: r.to, interval: r.interval, tz: r.tz, queueIds: arr(r.queueIds), teamIds: arr(r.teamIds), variant: r.variant }),
  });

export const prefetchHeatmap = ({ qc, ch, tenantId }: PrefetchContext, r: HeatmapRequest) =>
  qc.prefetchQuery({
    ...kpiHeatmapQueryOptions(r),
    queryFn: () => getHeatmap(ch, { tenantId, from: r.from, to: r.to, tz: r.tz, queueIds: arr(r.queueIds), teamIds: arr(r.teamIds), variant: r.variant }),
  });

export const prefetchQueueKpis = ({ qc, ch, tenantId }: PrefetchContext, r: QueuesRequest) =>
  qc.prefetchQuery({
    ...queueKpisQueryOptions(r),
    queryFn: () => getQueueKpis(ch, { tenantId, from: r.from, to: r.to, queueIds: arr(r.queueIds), teamIds: arr(r.teamIds) }),
  });

export const prefetchAgentKpis = ({ qc, ch, tenantId }: PrefetchContext, r: AgentsRequest) =>
  qc.prefetchQuery({
    ...agentKpisQueryOptions(r),
    queryFn: () => getAgentKpis(ch, { tenantId, from: r.from, to: r.to, queueIds: arr(r.queueIds), teamIds: arr(r.teamIds), agentIds: arr(r.agentIds) }),
  });

export const prefetchTimeline = ({ qc, ch, tenantId }: PrefetchContext, r: TimelineRequest) =>
  qc.prefetchQuery({ ...agentTimelineQueryOptions(r), queryFn: () => getAgentTimeline(ch, { tenantId, agentId: r.agentId, from: r.from, to: r.to }) });

export const prefetchContacts = ({ qc, ch, tenantId }: PrefetchContext, r: ContactsRequest) =>
  qc.prefetchQuery({
    ...contactListQueryOptions(r),
    queryFn: () =>
      listContacts(ch, {
        tenantId,
        from: r.from,
        to: r.to,
        queueIds: arr(r.queueIds),
        teamIds: arr(r.teamIds),
        agentIds: arr(r.agentIds),
        filter: r.filter,
        sort: r.sort,
        direction: r.dir,
        limit: r.limit,
        offset: r.offset,
      }),
  });

export const prefetchDefinitions = ({ qc, ch, tenantId }: PrefetchContext) =>
  qc.prefetchQuery({ ...definitionsQueryOptions(), queryFn: () => getDefinitions(ch, tenantId) });
