import { auditExport, auditLog } from "./audit";
import { contacts } from "./contacts";
import { definitions, updateDefinition } from "./definitions";
import { queues, teams } from "./directory";
import { exportTable } from "./export";
import { kpiAgents, kpiAgentTimeline, kpiHeatmap, kpiQueues, kpiSeries, kpiSummary } from "./kpi";
import { liveReplay, liveStreamEndpoint, thresholds, updateThresholds } from "./live";
import { redactionSettings, transcription, transcriptOriginals, updateRedactionSettingsEndpoint } from "./speech";
import { createUserEndpoint, removeUserEndpoint, revokeSessionEndpoint, updateUserEndpoint, userSessions, users } from "./users";

/**
 * Every declared endpoint. A new endpoint is one declaration in this folder, its
 * lib function, an entry here and a one-line route file
 * (`export const GET = handle(endpoint)`). The browser finds an endpoint's types
 * here by its path (`apiQueryOptions("/api/kpi/summary", ...)`).
 */
export const ENDPOINTS = [
  kpiSummary,
  kpiSeries,
  kpiHeatmap,
  kpiQueues,
  kpiAgents,
  kpiAgentTimeline,
  contacts,
  queues,
  teams,
  definitions,
  updateDefinition,
  liveStreamEndpoint,
  liveReplay,
  thresholds,
  updateThresholds,
  exportTable,
  auditLog,
  auditExport,
  users,
  createUserEndpoint,
  updateUserEndpoint,
  removeUserEndpoint,
  userSessions,
  revokeSessionEndpoint,
  transcription,
  redactionSettings,
  updateRedactionSettingsEndpoint,
  transcriptOriginals,
] as const;

export type DeclaredEndpoint = (typeof ENDPOINTS)[number];
/** The paths a browser may GET as JSON through TanStack Query. */
export type QueryPath = Exclude<Extract<DeclaredEndpoint, { method: "GET" }>, typeof liveStreamEndpoint | typeof exportTable | typeof auditExport>["path"];
/** The GET endpoint at a path (a PUT may share it). */
export type EndpointAt<P extends string> = Extract<DeclaredEndpoint, { path: P; method: "GET" }>;
