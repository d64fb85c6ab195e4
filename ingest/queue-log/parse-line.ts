import { IGNORED_EVENTS, MAPPED_EVENTS, type LineErrorReason, type MappedEvent, type ParsedLine, type QueueLogRecord } from "./record";

/**
 * queue_log line -> typed record, or why not. Pure; never throws.
 *
 * `epoch|callid|queuename|agent|event|data1|data2|...`: older Asterisk wrote one
 * `data` field with `|` inside, newer ones data1..data5; split on `|` they are the
 * same. Extra trailing fields are tolerated (Asterisk has appended fields over
 * versions, e.g. ENTERQUEUE's position), missing optional ones read as absent.
 */

const FIXED_FIELDS = 5;
/** Seconds, optionally with a fraction (some loggers write sub-second stamps). */
const EPOCH = /^\d{1,11}(\.\d{1,6})?$/;
const MAX_EPOCH_MS = 8_000_000_000_000;
const MAX_ID = 128;
/** Leg ids are `<callid>.<n>` and must stay within MAX_ID. */
const MAX_CALL_ID = MAX_ID - 8;
/** The event model's free-text limit (caller number, reason code, extension). */
const MAX_TEXT = 256;
const COUNT = /^\d{1,9}$/;

const mapped = new Set<string>(MAPPED_EVENTS);
const ignored = new Set<string>(IGNORED_EVENTS);

function isMapped(name: string): name is MappedEvent {
  return mapped.has(name);
}

/** Thrown inside a builder, turned into an error result by parseLine. */
class Fault {
  constructor(
    readonly reason: LineErrorReason,
    readonly detail: string,
  ) {}
}

export function parseLine(raw: string, lineNo: number): ParsedLine {
  const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
  const trimmed = line.trim();
  if (trimmed === "" || trimmed.startsWith("#")) return { kind: "blank" };
  const fail = (reason: LineErrorReason, detail: string): ParsedLine => ({ kind: "error", error: { lineNo, reason, line, detail } });

  const fields = line.split("|");
  if (fields.length < FIXED_FIELDS) {
    return fail("too_few_fields", `${fields.length} field(s); expected epoch|callid|queuename|agent|event[|data...]`);
  }
  const epoch = (fields[0] ?? "").trim();
  const seconds = EPOCH.test(epoch) ? Number(epoch) : NaN;
  const time = Math.round(seconds * 1000);
  if (!Number.isFinite(seconds) || time > MAX_EPOCH_MS) return fail("bad_epoch", `epoch '${epoch}' is not a number of seconds in range`);

  const event = (fields[4] ?? "").trim().toUpperCase();
  if (event === "") return fail("missing_field", "the event name is empty");
  if (ignored.has(event)) return { kind: "ignored", event };
  if (!isMapped(event)) return fail("unknown_event", `'${event}' is not a queue_log event this importer knows`);

  const reader = new Reader(event, fields[1] ?? "", fields[2] ?? "", fields[3] ?? "", fields.slice(FIXED_FIELDS));
  try {
    return { kind: "record", record: build(event, reader, { lineNo, time }) };
  } catch (e) {
    if (e instanceof Fault) return fail(e.reason, e.detail);
    throw e;
  }
}

/** Reads and checks one line's fields; a bad field throws a Fault. */
class Reader {
  constructor(
    private readonly event: string,
    private readonly callIdField: string,
    private readonly queueField: string,
    private readonly agentField: string,
    readonly data: readonly string[],
  ) {}

  callId(): string {
    const v = present(this.callIdField);
    if (v === undefined) throw new Fault("missing_field", `${this.event} needs a callid`);
    if (v.length > MAX_CALL_ID) throw new Fault("field_too_long", `callid is longer than ${MAX_CALL_ID} characters`);
    return v;
  }

  queue(): string {
    const v = this.optQueue();
    if (v === undefined) throw new Fault("missing_field", `${this.event} needs a queue name`);
    return v;
  }

  optQueue(): string | undefined {
    const v = present(this.queueField);
    if (v !== undefined && v.length > MAX_ID) throw new Fault("field_too_long", `queue name is longer than ${MAX_ID} characters`);
    return v;
  }

  /** The agent field as written; the mapper normalises it to an agent id. */
  agent(): string {
    const v = present(this.agentField);
    if (v === undefined) throw new Fault("missing_field", `${this.event} needs an agent`);
    if (v.length > 1024) throw new Fault("field_too_long", "agent is longer than 1024 characters");
    return v;
  }

  /** A non-negative integer data field; empty reads as absent. */
  count(i: number, name: string): number | undefined {
    const v = (this.data[i] ?? "").trim();
    if (v === "") return undefined;
    if (!COUNT.test(v)) throw new Fault("bad_data", `${this.event} ${name} '${v}' is not a whole number`);
    return Number(v);
  }

  /** Queue positions start at 1; Asterisk writes 0 when it has none. */
  position(i: number, name: string): number | undefined {
    const n = this.count(i, name);
    return n === undefined || n === 0 ? undefined : n;
  }

  text(i: number): string | undefined {
    const v = (this.data[i] ?? "").trim();
    return v === "" ? undefined : v.slice(0, MAX_TEXT);
  }
}

/** Asterisk writes "NONE" for an absent callid, queue or agent. */
function present(value: string): string | undefined {
  const v = value.trim();
  return v === "" || v === "NONE" ? undefined : v;
}

type Base = { lineNo: number; time: number };

function build(event: MappedEvent, r: Reader, base: Base): QueueLogRecord {
  switch (event) {
    case "ENTERQUEUE":
      return { ...base, event, callId: r.callId(), queue: r.queue(), url: r.text(0), callerId: r.text(1), position: r.position(2, "position") };
    case "RINGNOANSWER":
      return { ...base, event, callId: r.callId(), queue: r.queue(), agent: r.agent(), ringMs: r.count(0, "ringtime") ?? 0 };
    case "CONNECT":
      return {
        ...base,
        event,
        callId: r.callId(),
        queue: r.queue(),
        agent: r.agent(),
        holdS: r.count(0, "holdtime"),
        bridgedUniqueId: r.text(1),
        ringS: r.count(2, "ringtime"),
      };
    case "COMPLETEAGENT":
    case "COMPLETECALLER":
      return { ...base, event, callId: r.callId(), queue: r.queue(), agent: r.agent(), ...timings(r, 0) };
    case "BLINDTRANSFER":
    case "TRANSFER":
      return { ...base, event, callId: r.callId(), queue: r.queue(), agent: r.agent(), extension: r.text(0), context: r.text(1), ...timings(r, 2) };
    case "ATTENDEDTRANSFER":
      return { ...base, event, callId: r.callId(), queue: r.queue(), agent: r.agent(), method: r.text(0), ...attendedTimings(r) };
    case "HOLD":
    case "UNHOLD":
      return { ...base, event, callId: r.callId(), queue: r.queue(), agent: r.agent() };
    case "ABANDON":
    case "EXITWITHTIMEOUT":
    case "EXITEMPTY":
      return { ...base, event, callId: r.callId(), queue: r.queue(), ...exit(r, 0) };
    case "EXITWITHKEY":
      return { ...base, event, callId: r.callId(), queue: r.queue(), key: r.text(0), ...exit(r, 1) };
    case "ADDMEMBER":
      // Asterisk writes "PAUSED" in data1 when the member joins paused.
      return { ...base, event, agent: r.agent(), queue: r.queue(), paused: (r.text(0) ?? "").toUpperCase() === "PAUSED" };
    case "REMOVEMEMBER":
      return { ...base, event, agent: r.agent(), queue: r.queue() };
    case "AGENTLOGIN":
    case "AGENTCALLBACKLOGIN":
    case "AGENTLOGOFF":
    case "AGENTCALLBACKLOGOFF":
    case "UNPAUSE":
    case "UNPAUSEALL":
      return { ...base, event, agent: r.agent(), queue: r.optQueue() };
    case "PAUSE":
    case "PAUSEALL":
      return { ...base, event, agent: r.agent(), queue: r.optQueue(), reason: r.text(0) };
    case "DID":
      return { ...base, event, callId: r.callId(), did: r.text(0) };
  }
}

/** holdtime|calltime|origposition starting at data field `at`. */
function timings(r: Reader, at: number) {
  return { holdS: r.count(at, "holdtime"), callS: r.count(at + 1, "calltime"), origPosition: r.position(at + 2, "origposition") };
}

/**
 * ATTENDEDTRANSFER is method|method data|holdtime|calltime|origposition, but the
 * method data has one field or two (LINK names both channels), so the timings are
 * read from the end.
 */
function attendedTimings(r: Reader) {
  let end = r.data.length;
  while (end > 0 && (r.data[end - 1] ?? "").trim() === "") end--;
  return end >= 4 ? timings(r, end - 3) : timings(r, 2);
}

/** position|origposition|waittime starting at data field `at`. */
function exit(r: Reader, at: number) {
  return { position: r.position(at, "position"), origPosition: r.position(at + 1, "origposition"), waitS: r.count(at + 2, "waittime") };
}
