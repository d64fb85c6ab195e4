import { getAgentKpis, getHeatmap, getKpiSeries, getKpiSummary, getQueueKpis } from "@/lib/kpi";
import { getAgentTimeline } from "@/lib/agent-timeline/agent-timeline";
import { defineEndpoint, type RequestOf } from "../endpoint";
import { agentsParamsSchema, heatmapParamsSchema, queuesParamsSchema, seriesParamsSchema, summaryParamsSchema, timelineParamsSchema } from "../params";

/**
 * The KPI endpoints. Parameters keep the URL's names (a list repeats its key:
 * queue=a&queue=b); the KPI engine names its inputs for what they hold, and the
 * mapping between the two is written here, once per endpoint.
 */

const scope = (p: { from: number; to: number; queue: string[]; team: string[] }) => ({ from: p.from, to: p.to, queueIds: p.queue, teamIds: p.team });

/** Headline KPIs of a period. */
export const kpiSummary = defineEndpoint({
  method: "GET",
  path: "/api/kpi/summary",
  capability: "overview",
  scope: { queue: "queue", team: "team" },
  params: summaryParamsSchema,
  run: ({ ch, tenantId }, p) => getKpiSummary(ch, { tenantId, ...scope(p), variant: p.variant }),
});

/** Counts and KPIs per interval, gap-free, bucketed in the viewer's time zone. */
export const kpiSeries = defineEndpoint({
  method: "GET",
  path: "/api/kpi/series",
  capability: "overview",
  scope: { queue: "queue", team: "team" },
  params: seriesParamsSchema,
  run: ({ ch, tenantId }, p) => getKpiSeries(ch, { tenantId, ...scope(p), interval: p.interval, tz: p.tz, variant: p.variant }),
});

/** Counts and KPIs by local weekday and hour over the period. */
export const kpiHeatmap = defineEndpoint({
  method: "GET",
  path: "/api/kpi/heatmap",
  capability: "dashboards",
  scope: { queue: "queue", team: "team" },
  params: heatmapParamsSchema,
  run: ({ ch, tenantId }, p) => getHeatmap(ch, { tenantId, ...scope(p), tz: p.tz, variant: p.variant }),
});

/** Every KPI per queue, each queue judged by its own settings. */
export const kpiQueues = defineEndpoint({
  method: "GET",
  path: "/api/kpi/queues",
  capability: "dashboards",
  scope: { queue: "queue", team: "team" },
  params: queuesParamsSchema,
  run: ({ ch, tenantId }, p) => getQueueKpis(ch, { tenantId, ...scope(p) }),
});

/** Per agent and per team: handled, handle time and its split, transfers, state time, occupancy. */
export const kpiAgents = defineEndpoint({
  method: "GET",
  path: "/api/kpi/agents",
  capability: "dashboards",
  scope: { queue: "queue", team: "team", agent: "agent" },
  params: agentsParamsSchema,
  run: ({ ch, tenantId }, p) => getAgentKpis(ch, { tenantId, ...scope(p), agentIds: p.agent }),
});

/** One agent's state intervals (at most 8 days), gaps included. */
export const kpiAgentTimeline = defineEndpoint({
  method: "GET",
  path: "/api/kpi/agent-timeline",
  capability: "dashboards",
  scope: { agent: "agent" },
  params: timelineParamsSchema,
  run: ({ ch, tenantId }, p) => getAgentTimeline(ch, { tenantId, agentId: p.agent, from: p.from, to: p.to }),
});

export type SummaryRequest = RequestOf<typeof kpiSummary>;
export type SeriesRequest = RequestOf<typeof kpiSeries>;
export type HeatmapRequest = RequestOf<typeof kpiHeatmap>;
export type QueuesRequest = RequestOf<typeof kpiQueues>;
export type AgentsRequest = RequestOf<typeof kpiAgents>;
export type TimelineRequest = RequestOf<typeof kpiAgentTimeline>;
