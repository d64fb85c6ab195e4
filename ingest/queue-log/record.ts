/**
 * One Asterisk queue_log line, typed: `epoch|callid|queuename|agent|event|data1|...`.
 * Field meanings follow Asterisk's queue_log documentation (docs.asterisk.org,
 * "Queue Logs"). Durations keep the unit Asterisk logs them in (the name says
 * which); the mapper converts to milliseconds.
 *
 * The parser guarantees what each event needs, so the mapper never re-checks:
 * call events carry a callid and a queue, member events an agent.
 */

/** Events that become CTI events. */
export const MAPPED_EVENTS = [
  "ENTERQUEUE",
  "RINGNOANSWER",
  "CONNECT",
  "COMPLETEAGENT",
  "COMPLETECALLER",
  "BLINDTRANSFER",
  "ATTENDEDTRANSFER",
  "TRANSFER",
  "ABANDON",
  "EXITWITHTIMEOUT",
  "EXITEMPTY",
  "EXITWITHKEY",
  "HOLD",
  "UNHOLD",
  "ADDMEMBER",
  "REMOVEMEMBER",
  "AGENTLOGIN",
  "AGENTCALLBACKLOGIN",
  "AGENTLOGOFF",
  "AGENTCALLBACKLOGOFF",
  "PAUSE",
  "PAUSEALL",
  "UNPAUSE",
  "UNPAUSEALL",
  "DID",
] as const;
export type MappedEvent = (typeof MAPPED_EVENTS)[number];

/**
 * Events Asterisk (or FreePBX dialplan) writes that carry nothing the event model
 * needs. They are skipped without an error; any other unknown name is reported.
 * - CONFIGRELOAD, QUEUESTART: housekeeping.
 * - INFO: free-form dialplan notes.
 * - SYSCOMPAT: answered then dropped for incompatible channels; no CONNECT follows.
 * - RINGCANCELED: the caller hung up while a member rang; the ABANDON line that follows carries the outcome.
 * - AGENTDUMP: the member hung up during the announcement; the caller stays queued.
 * - JOINEMPTY: refused at join (no ENTERQUEUE), so never offered to the queue.
 * - PENALTY: a member's penalty changed.
 */
export const IGNORED_EVENTS = ["CONFIGRELOAD", "QUEUESTART", "INFO", "SYSCOMPAT", "RINGCANCELED", "AGENTDUMP", "JOINEMPTY", "PENALTY"] as const;

/** Why a line produced no (or only part of its) events. Reported, never fatal. */
export type LineErrorReason =
  /** Fewer than the five fixed fields (epoch|callid|queue|agent|event). */
  | "too_few_fields"
  /** The epoch is not a number of seconds in range. */
  | "bad_epoch"
  /** An event name this importer neither maps nor knowingly ignores. */
  | "unknown_event"
  /** A field the event needs is empty or NONE (e.g. CONNECT without an agent). */
  | "missing_field"
  /** A data field has the wrong shape (e.g. a non-numeric hold time). */
  | "bad_data"
  /** An id longer than the event model allows. */
  | "field_too_long"
  /** A valid line about a call or leg not seen in this log (e.g. the log starts mid-call); agent effects still apply. */
  | "unmatched_call"
  /** The line's bytes are not valid UTF-8 (line-splitter.ts); never read as text. */
  | "invalid_utf8"
  /** The line is longer than MAX_LINE_BYTES (line-splitter.ts). */
  | "line_too_long"
  /** The line is dated further ahead of the importer's clock than INGEST_MAX_FUTURE_MS allows (mapper option latestTime). */
  | "future_time";

/**
 * A line the importer could not use. `line` is its text; a line that is not text (invalid
 * UTF-8, too long) has `line` empty and its bytes as read in `bytes` (at most MAX_LINE_BYTES)
 * with their full length in `size`, so the dead letter keeps the very bytes. `file` is set
 * when an import reads several files (the dead letter names it).
 */
export type LineError = { lineNo: number; reason: LineErrorReason; line: string; detail: string; file?: string; bytes?: Uint8Array; size?: number };

type Base = {
  lineNo: number;
  /** Epoch milliseconds (queue_log has seconds). */
  time: number;
};

/** A call-scoped line: the caller channel's uniqueid and the queue. */
type CallScope = { callId: string; queue: string };
/** A line naming a queue member: the agent field as written (interface or member name). */
type MemberScope = { agent: string };

type Timings = { holdS?: number; callS?: number; origPosition?: number };
type Exit = { position?: number; origPosition?: number; waitS?: number };

export type QueueLogRecord = Base &
  (
    | (CallScope & { event: "ENTERQUEUE"; url?: string; callerId?: string; position?: number })
    | (CallScope & MemberScope & { event: "RINGNOANSWER"; ringMs: number })
    | (CallScope & MemberScope & { event: "CONNECT"; holdS?: number; bridgedUniqueId?: string; ringS?: number })
    | (CallScope & MemberScope & Timings & { event: "COMPLETEAGENT" | "COMPLETECALLER" })
    | (CallScope & MemberScope & Timings & { event: "BLINDTRANSFER" | "TRANSFER"; extension?: string; context?: string })
    | (CallScope & MemberScope & Timings & { event: "ATTENDEDTRANSFER"; method?: string })
    | (CallScope & MemberScope & { event: "HOLD" | "UNHOLD" })
    | (CallScope & Exit & { event: "ABANDON" | "EXITWITHTIMEOUT" | "EXITEMPTY" })
    | (CallScope & Exit & { event: "EXITWITHKEY"; key?: string })
    | (MemberScope & { event: "ADDMEMBER"; queue: string; paused: boolean })
    | (MemberScope & { event: "REMOVEMEMBER"; queue: string })
    | (MemberScope & { event: "AGENTLOGIN" | "AGENTCALLBACKLOGIN" | "AGENTLOGOFF" | "AGENTCALLBACKLOGOFF"; queue?: string })
    | (MemberScope & { event: "PAUSE" | "PAUSEALL"; queue?: string; reason?: string })
    | (MemberScope & { event: "UNPAUSE" | "UNPAUSEALL"; queue?: string })
    | { event: "DID"; callId: string; did?: string }
  );

export type RecordOf<E extends MappedEvent> = Extract<QueueLogRecord, { event: E }>;

export type ParsedLine =
  | { kind: "record"; record: QueueLogRecord }
  /** Blank or a comment (#). */
  | { kind: "blank" }
  /** One of IGNORED_EVENTS. */
  | { kind: "ignored"; event: string }
  | { kind: "error"; error: LineError };
