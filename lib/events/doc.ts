import { EVENT_TYPES, type EventType } from "./data";
import { SPEC_VERSION } from "./envelope";
import { EVENT_EXAMPLES } from "./examples";

/** What each event means, in the words of a PBX engineer; CSTA names where CSTA has one. */
const MEANING: Record<EventType, string> = {
  "call.offered": "A call reached the platform (CSTA Offered). Starts the call; carries caller and dialled numbers and the caller leg's channel id.",
  "call.queued":
    "The call entered a queue (CSTA Queued; queue_log ENTERQUEUE). Starts a contact segment (`legId`), offered from here on: until its call.queue_exited the contact is in progress, and lost once the queue's longest possible wait has passed (docs/kpis.md). The store files every row of the segment under this event's time, so the other events of the leg must name the same time: call.queue_exited and call.established as `data.queuedAt` (or, left out, their time minus `waitMs`), call.connection_cleared and `previous` as `queuedAt`.",
  "call.delivered": "An agent's phone is ringing with the call (CSTA Delivered).",
  "call.diverted":
    "The ring ended without an answer (CSTA Diverted): unanswered or refused, and the call went back to the queue (`ring_no_answer`, `busy`, `rejected`; queue_log RINGNOANSWER); the caller hung up during it (`abandoned`, their `call.queue_exited` follows); or the platform ended it (`system`: a restart). Every `call.delivered` ends in this or in `call.established`.",
  "call.established": "The agent answered (CSTA Established; queue_log CONNECT). Carries the queue wait and the ring time.",
  "call.held": "The agent put the caller on hold (CSTA Held).",
  "call.retrieved": "The caller came back from hold (CSTA Retrieved); carries that hold's length.",
  "call.transferred": "The agent transferred the call, blind or attended (CSTA Transferred; queue_log BLINDTRANSFER / ATTENDEDTRANSFER).",
  "call.conferenced": "A conference was formed (CSTA Conferenced).",
  "call.queue_exited":
    "The caller left the queue: answered, abandoned, timed out, queue empty, pressed a key, or transferred (queue_log CONNECT / ABANDON / EXITWITHTIMEOUT / EXITEMPTY / EXITWITHKEY), or the platform ended the wait (`system`: a restart). Exactly one per segment; the segment's outcome and wait come from it.",
  "call.connection_cleared":
    'The agent\'s leg ended (CSTA Connection Cleared; queue_log COMPLETEAGENT / COMPLETECALLER). Carries talk time (hold included), hold time and count, and when the segment entered the queue. `releasedBy: "system"`: the platform ended it (a restart; talk and an open hold run to that moment).',
  "call.cleared":
    'The whole call ended (CSTA Call Cleared). `cause: "pbx_restart"`: the platform restarted with the call in progress, and this closes it at the restart (docs/kpis.md says how such a call counts).',
  "call.failed": "The call could not be set up (CSTA Failed).",
  "agent.logged_on": "The agent logged on (CSTA Agent Logged On; queue_log ADDMEMBER / AGENTLOGIN).",
  "agent.logged_off": "The agent logged off (CSTA Agent Logged Off; queue_log REMOVEMEMBER / AGENTLOGOFF).",
  "agent.ready": "The agent is available for calls (CSTA Agent Ready; queue_log UNPAUSE).",
  "agent.not_ready": "The agent is unavailable, with a reason code (CSTA Agent Not Ready; queue_log PAUSE with reason).",
  "agent.working_after_call": "The agent is in after-call work for the call named in the envelope (CSTA Agent Working After Call).",
  "agent.busy": "The agent is on a call (CSTA Agent Busy).",
  "supervision.started": "A supervisor began to listen to, whisper to or barge into the call.",
  "supervision.mode_changed": "The supervisor switched between listen, whisper and barge.",
  "supervision.ended": "The supervisor left the call.",
  "recording.started": "Recording of the call began.",
  "recording.paused": "Recording paused (for example while card details are taken).",
  "recording.resumed": "Recording resumed.",
  "recording.stopped": "Recording ended; carries the recorded length.",
  "transcript.segment": "One utterance of the transcript, timed against the recording.",
};

export function renderEventsDoc(): string {
  const lines: string[] = [
    "# CTI events",
    "",
    "<!-- Written by `npm run schema` from lib/events; edit those files, not this one. -->",
    "",
    `Every event is one JSON object, spec version \`${SPEC_VERSION}\`. The machine-readable schema is`,
    "[cti-event.schema.json](cti-event.schema.json) (JSON Schema 2020-12).",
    "",
    "## Envelope",
    "",
    "| field | type | meaning |",
    "|---|---|---|",
    `| specVersion | "${SPEC_VERSION}" | envelope version |`,
    "| id | UUID | unique per event; the idempotency key (a repeat of an id is the same event and is stored once) |",
    "| type | string | one of the types below |",
    "| source | string | the platform instance, e.g. `asterisk://pbx1` |",
    "| time | integer | platform time, epoch milliseconds |",
    "| tenantId | string | the contact centre (tenant) |",
    "| callId | string | the call; required on call.*, supervision.*, recording.* and transcript.* events |",
    "| agentId | string | required on agent.* events and on agent-leg call events |",
    "| queueId | string | required on queue-leg call events |",
    "| legId | string | one call's pass through one queue (a contact segment); required on queue-leg call events |",
    "| raw | object | platform ids as strings, e.g. Asterisk `uniqueid`, `linkedid` |",
    "| data | object | by type, below |",
    "",
    "Agent state events carry `data.previous` (the state being left, since when, and its reason or call),",
    "so each event describes a whole interval on its own and the store needs no cross-event state.",
    "Durations are integer milliseconds. Kafka key: `callId` for call-scoped events, `agentId` for agent events.",
    "",
    "## Refused as they arrive",
    "",
    "Every ingest path (Kafka, the in-process bus, the queue_log importer) refuses these to the dead letters",
    "(table `dead_letters`, and the Kafka topic `KAFKA_DLQ_TOPIC`), with the reason and the bytes as they arrived:",
    "",
    "| reason | what |",
    "|---|---|",
    "| `invalid_utf8` | the bytes are not valid UTF-8 (a queue_log line too: never read as text with U+FFFD in it) |",
    "| `oversized` / `line_too_long` | a message over `INGEST_MAX_EVENT_BYTES`, a queue_log line over 64 KiB |",
    "| `malformed_json`, `not_an_object`, `unsupported_spec_version`, `unknown_type`, `schema_violation` | not an event of this schema |",
    "| `future_time` | `time` more than `INGEST_MAX_FUTURE_MS` (default 5 min) ahead of the receiving server's clock; a queue_log line so dated is refused before it touches the importer's state |",
    "",
    "A dead letter keeps at most the first 64 KiB of the bytes (`payload_base64`, `payload_size` bytes) and",
    "records how many arrived (`original_size`, migration 0029). The Kafka dead-letter topic carries the message's whole value",
    "(the broker bounded it already, and a replay needs all of it) with an `x-dlq-original-size` header, masked where its row is.",
    "Card numbers in a refused transcript segment are masked (the reason then ends `; card data masked`).",
    "Events dated in the past are stored whatever their age: importing an old log is history, not an error.",
    'The live floor ignores live events older than its window (docs/live-floor.md, "Clocks").',
    "",
    "## Event types",
    "",
  ];
  for (const type of EVENT_TYPES) {
    lines.push(`### ${type}`, "", MEANING[type], "", "```json", JSON.stringify(EVENT_EXAMPLES[type], null, 2), "```", "");
  }
  lines.push(...QUEUE_LOG_RULES);
  return lines.join("\n");
}

/** How Asterisk queue_log lines become these events at a real site's edges (ingest/queue-log). */
const QUEUE_LOG_RULES = [
  "## queue_log imports",
  "",
  "`npm run import:queue-log -- FILE... [--agents FILE]` (and `ASTERISK_QUEUE_LOG`) map Asterisk's queue_log",
  "to the events above (ingest/queue-log/README.md has the line-by-line mapping). The rules at the edges:",
  "",
  "- **Queue entry.** A leg is filed under its ENTERQUEUE time, carried as `queuedAt` on every event of the leg;",
  "  the wait is Asterisk's own figure (CONNECT's holdtime, ABANDON's waittime), which need not equal the exit",
  "  time minus the ENTERQUEUE time. A caller whose exit line never comes stays offered, in progress, then lost.",
  "- **Rotated logs.** Several files (globs in the file name, `.gz`) are one log: read in the order of their",
  "  first line's time, with one call state across them, so a call spanning a rotation is whole. A line a later",
  "  file repeats from an earlier one, where the two overlap in time, is read once; a file named twice is read",
  "  once. Event ids come from the lines, so importing a file again stores nothing new: import a new rotation",
  "  together with the file before it (`queue_log*`).",
  "- **Agents.** Asterisk writes the member's interface on ADDMEMBER/REMOVEMEMBER (`SIP/1001`,",
  "  `PJSIP/1001`, `Local/1001@from-queue/n`: agent `1001`) but its member name (`Sathish`) on call and",
  "  PAUSE lines, unless `log_membername_as_agent=yes`. The importer first reads the whole log and pairs a",
  "  name with the one interface that was a member of the line's queue every time the name appeared",
  "  (pairs found free other names' candidates, until nothing changes); the name then maps to the",
  "  interface's agent id. `--agents FILE` settles the rest: one `<agent field as written> = <agent id>`",
  "  per line, `#` comments; it wins over what was learned. When names that never log on and interfaces",
  "  that never take a call are both left, the import prints a warning naming them.",
  "- **State time.** Until the log shows an agent logging on (a log starting mid-shift, or a name never",
  "  paired), only its calls and wrap-ups are intervals: going ready or paused ends the call's interval and",
  "  starts none, so no state time runs through a span the agent was not known to be logged on.",
  "",
];
