import { CommandFailed, type CommandErrorCode } from "@/lib/telephony/commands";

/**
 * What FreeSWITCH's API commands answer, read into the product's command codes. An API
 * reply is text: `+OK ...` or a bare value (uuid_exists: `true`/`false`; callcenter_config
 * agent get: the value) on success, `-ERR <why>` or `-USAGE: <syntax>` on failure
 * (mod_commands.c, mod_callcenter.c). Over bgapi the same text is the BACKGROUND_JOB
 * event's body (mod_event_socket.c, api_exec).
 */
export type ApiReply = { ok: true; text: string } | { ok: false; error: string };

export function parseApiReply(body: string): ApiReply {
  const text = body.replace(/\n+$/, "");
  if (text.startsWith("-ERR")) return { ok: false, error: text.slice(4).trim() };
  if (text.startsWith("-USAGE")) return { ok: false, error: text.slice(1).trim() };
  return { ok: true, text: text.startsWith("+OK") ? text.slice(3).trim() : text };
}

/**
 * Hangup causes originate answers with (`-ERR <CAUSE>`, switch_channel_cause2str) and the
 * code each means when the leg rung is an agent's or a supervisor's own phone: not
 * registered is a phone nobody is signed in on; busy, no answer and rejected are a person
 * not taking the call now.
 */
const ORIGINATE_CAUSES: Record<string, CommandErrorCode> = {
  USER_NOT_REGISTERED: "not_logged_on",
  SUBSCRIBER_ABSENT: "not_logged_on",
  UNALLOCATED_NUMBER: "not_logged_on",
  NO_ROUTE_DESTINATION: "not_logged_on",
  USER_BUSY: "busy",
  NO_ANSWER: "busy",
  NO_USER_RESPONSE: "busy",
  CALL_REJECTED: "busy",
  ORIGINATOR_CANCEL: "busy",
};

/** Errors every command may meet, whatever it was (mod_event_socket.c and mod_commands.c wording). */
function commonCode(error: string): CommandErrorCode | undefined {
  if (/Command not found/i.test(error)) return "unsupported";
  if (/permission denied/i.test(error)) return "not_permitted";
  if (/No such channel|Cannot locate session/i.test(error)) return "call_ended";
  if (/Agent not found/i.test(error)) return "no_such_agent";
  if (/Queue not found/i.test(error)) return "no_such_queue";
  return undefined;
}

/** The CommandFailed for a refused API command; `what` names it for the message. */
export function failureOf(error: string, what: string): CommandFailed {
  const cause = error.split(/\s/)[0] ?? "";
  const code = commonCode(error) ?? ORIGINATE_CAUSES[cause] ?? "unreachable";
  return new CommandFailed(code, `FreeSWITCH refused ${what}: ${error}`);
}

/** The text of a successful reply, or the CommandFailed its -ERR means. */
export function expectOk(body: string, what: string): string {
  const reply = parseApiReply(body);
  if (!reply.ok) throw failureOf(reply.error, what);
  return reply.text;
}
