import { auditExport, auditLog } from "./audit";
import { callEndpoint, callTranscript } from "./calls";
import { contacts } from "./contacts";
import { definitions, updateDefinition } from "./definitions";
import { agents, queues, teams } from "./directory";
import { targets } from "./targets";
import { exportTable } from "./export";
import { transcriptSearch } from "./transcripts";
import { kpiAgents, kpiAgentTimeline, kpiHeatmap, kpiQueues, kpiSeries, kpiSummary } from "./kpi";
import {
  recordingAudioEndpoint,
  recordingOriginalEndpoint,
  recordingPeaksEndpoint,
  recordingRetention,
  restoreRecordingEndpoint,
  updateRecordingRetention,
  uploadRecordingEndpoint,
} from "./recordings";
import { alertSettings, liveReplay, liveStreamEndpoint, thresholds, updateAlertSettingsEndpoint, updateThresholds } from "./live";
import { redactionSettings, transcription, transcriptOriginals, updateRedactionSettingsEndpoint } from "./speech";
import { createQaEvaluation, disputeQaEvaluation, qaEvaluation, qaEvaluations, resolveQaEvaluation, updateQaEvaluation } from "./qa-evaluations";
import { createQaScorecard, qaScorecard, qaScorecards, updateQaScorecard } from "./qa-scorecards";
import { setAgentStateEndpoint } from "./agent-commands";
import { changeMonitorModeEndpoint, monitorTokenEndpoint, myMonitorSessionsEndpoint, startMonitorEndpoint, stopMonitorEndpoint } from "./monitor";
import { callbacks, placeCallbackEndpoint } from "./callbacks";
import { monitoringPolicies, updateMonitoringPolicy } from "./monitoring-policy";
import { createQaCalibration, qaAssignments, qaCalibration, qaCalibrations, qaCallChecks, qaDashboard, qaEvaluators, qaSampling } from "./qa-work";
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
  agents,
  targets,
  definitions,
  updateDefinition,
  liveStreamEndpoint,
  liveReplay,
  thresholds,
  updateThresholds,
  alertSettings,
  updateAlertSettingsEndpoint,
  exportTable,
  auditLog,
  auditExport,
  users,
  createUserEndpoint,
  updateUserEndpoint,
  removeUserEndpoint,
  userSessions,
  revokeSessionEndpoint,
  recordingAudioEndpoint,
  recordingPeaksEndpoint,
  recordingOriginalEndpoint,
  restoreRecordingEndpoint,
  uploadRecordingEndpoint,
  recordingRetention,
  updateRecordingRetention,
  callEndpoint,
  callTranscript,
  transcriptSearch,
  transcription,
  redactionSettings,
  updateRedactionSettingsEndpoint,
  transcriptOriginals,
  qaScorecards,
  qaScorecard,
  createQaScorecard,
  updateQaScorecard,
  qaEvaluations,
  qaEvaluation,
  createQaEvaluation,
  updateQaEvaluation,
  disputeQaEvaluation,
  resolveQaEvaluation,
  qaCallChecks,
  qaDashboard,
  qaEvaluators,
  qaSampling,
  qaAssignments,
  qaCalibrations,
  createQaCalibration,
  qaCalibration,
  setAgentStateEndpoint,
  startMonitorEndpoint,
  myMonitorSessionsEndpoint,
  changeMonitorModeEndpoint,
  stopMonitorEndpoint,
  monitorTokenEndpoint,
  callbacks,
  placeCallbackEndpoint,
  monitoringPolicies,
  updateMonitoringPolicy,
] as const;

export type DeclaredEndpoint = (typeof ENDPOINTS)[number];
/** The paths a browser may GET as JSON through TanStack Query. */
export type QueryPath = Exclude<
  Extract<DeclaredEndpoint, { method: "GET" }>,
  typeof liveStreamEndpoint | typeof exportTable | typeof auditExport | RecordingFileEndpoint
>["path"];
/** Recording files (audio, peaks) are fetched by the player itself, not through TanStack Query. */
type RecordingFileEndpoint = typeof recordingAudioEndpoint | typeof recordingPeaksEndpoint | typeof recordingOriginalEndpoint;
/** The GET endpoint at a path (a PUT may share it). */
export type EndpointAt<P extends string> = Extract<DeclaredEndpoint, { path: P; method: "GET" }>;
