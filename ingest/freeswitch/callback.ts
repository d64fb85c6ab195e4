import { randomUUID } from "node:crypto";
import { CommandFailed, isCommandFailed, type CallbackCommand, type CallbackResult } from "@/lib/telephony/commands";
import { PLAIN_WORD } from "@/lib/telephony/plain-word";
import { fillTemplate, plainWord } from "@/lib/telephony/dial-template";
import { withVariables } from "./dialstring";
import { abortion, apiOk, ORIGINATE_JOB_MS, type EslApi } from "./esl-connection";
import { failureOf, parseApiReply } from "./esl-reply";

/**
 * A callback, agent first: `originate {origination_uuid=<id>,cc_callback_of=<missed call>,
 * cc_queue=<queue>}<FREESWITCH_CALLBACK_DIALSTRING>`, whose default rings the agent's phone
 * (`user/{agent}`) and, once they answer, bridges to the customer through a gateway
 * (`&bridge(sofia/gateway/...)`). originate only returns when the agent answers, later than
 * a supervisor waits, so the command is placed when FreeSWITCH has made the agent's channel
 * (CHANNEL_CREATE with our origination_uuid, which is also the new call's id); a refusal
 * before that (not registered, busy) is the command's answer. The outcome (answered, busy,
 * no answer) reaches the product as the site's call events.
 *
 * Without an agent named, the queue's agents that are Available and Waiting are tried,
 * longest idle first (mod_callcenter's last_bridge_end), skipping those on another call.
 *
 * Supervisor first: the same originate with FREESWITCH_SUPERVISOR_CALLBACK_DIALSTRING
 * (default `user/{extension} &bridge(...)`), ringing the supervisor's own phone; no agent
 * is involved, and `cc_callback_supervisor` names them for the site's feed.
 */
export type CallbackOptions = { dialString: string; supervisorDialString: string; log: (line: string) => void };

/** `callcenter_config queue list agents` rows (a `|` header, rows, +OK) as objects. */
export function parseAgentRows(text: string): Record<string, string>[] {
  const [header = "", ...rows] = text.split("\n").filter((l) => l.length > 0 && l !== "+OK");
  const names = header.split("|");
  return rows.map((r) => Object.fromEntries(r.split("|").map((v, i) => [names[i] ?? String(i), v])));
}

async function queueExists(esl: EslApi, queue: string, signal: AbortSignal): Promise<boolean> {
  const rows = parseAgentRows(await apiOk(esl, "callcenter_config queue list", signal, "the queue list"));
  return rows.some((r) => r.name === queue);
}

async function candidates(esl: EslApi, agentId: string | undefined, queue: string, signal: AbortSignal): Promise<string[]> {
  if (agentId !== undefined) {
    const agent = plainWord(agentId, "no_such_agent", "agent");
    const status = await apiOk(esl, `callcenter_config agent get status ${agent}`, signal, "the agent's status");
    if (status === "Logged Out") throw new CommandFailed("not_logged_on", `agent ${agent} is logged out of mod_callcenter`);
    return [agent];
  }
  const rows = parseAgentRows(await apiOk(esl, `callcenter_config queue list agents ${queue} Available Waiting`, signal, "the queue's agents"));
  const free = rows.filter((r) => (r.external_calls_count ?? "0") === "0").sort((a, b) => Number(a.last_bridge_end ?? 0) - Number(b.last_bridge_end ?? 0));
  if (free.length === 0) throw new CommandFailed("busy", `no agent of ${queue} is free`);
  return free.map((r) => r.name ?? "");
}

export async function originateCallbackViaEsl(esl: EslApi, o: CallbackOptions, command: CallbackCommand, signal: AbortSignal): Promise<CallbackResult> {
  const number = plainWord(command.number, "not_permitted", "number");
  const queue = plainWord(command.queueId, "no_such_queue", "queue");
  if (!(await queueExists(esl, queue, signal))) throw new CommandFailed("no_such_queue", `mod_callcenter has no queue ${queue}`);
  const vars: Record<string, string> = { cc_queue: queue };
  if (command.callbackOf) vars.cc_callback_of = plainWord(command.callbackOf, "not_permitted", "missed call id");
  if (command.first === "supervisor") {
    const { id, extension } = command.supervisor;
    const dial = fillTemplate(
      o.supervisorDialString,
      { extension: plainWord(extension, "not_permitted", "extension"), supervisorId: id, number, queue },
      "not_permitted",
    );
    // A user id that is not a plain word (some single sign-on ids) cannot go on the line; the feed then has only the extension.
    const named: Record<string, string> = PLAIN_WORD.test(id) ? { cc_callback_supervisor: id } : {};
    return { callId: await ringFirst(esl, o, dial, { ...vars, ...named }, `the callback through extension ${extension}`, signal) };
  }
  let last: CommandFailed | undefined;
  for (const agentId of await candidates(esl, command.agentId, queue, signal)) {
    try {
      const dial = fillTemplate(o.dialString, { agent: agentId, number, queue }, "not_permitted");
      return { callId: await ringFirst(esl, o, dial, vars, `the callback to agent ${agentId}`, signal), agentId };
    } catch (e) {
      // The agent's phone turned out busy or away: with no agent named, the next one.
      if (command.agentId !== undefined || !isCommandFailed(e) || (e.code !== "busy" && e.code !== "not_logged_on")) throw e;
      last = e;
    }
  }
  throw last ?? new CommandFailed("busy", `no agent of ${queue} is free`);
}

/** Originates `dialString` (the first phone, then the customer) with our variables; answers the new call's id once FreeSWITCH made the first channel. */
async function ringFirst(esl: EslApi, o: CallbackOptions, dialString: string, variables: Record<string, string>, what: string, signal: AbortSignal): Promise<string> {
  const uuid = randomUUID();
  const dial = withVariables(dialString, { origination_uuid: uuid, ...variables });
  let stopWatching = () => {};
  const created = new Promise<"created">((resolve) => {
    stopWatching = esl.onChannelEvent((e) => e.name === "CHANNEL_CREATE" && e.uuid === uuid && resolve("created"));
  });
  signal.throwIfAborted();
  // Not under the command's signal: the job's answer is wanted even after the command gave up, to log it.
  const job = esl.api(`originate ${dial}`, new AbortController().signal, ORIGINATE_JOB_MS).then(parseApiReply);
  const aborted = abortion(signal, "originate abandoned");
  // Settled either way later on, never an unhandled rejection.
  void job.catch(() => undefined);
  try {
    const first = await Promise.race([created, job, aborted]);
    if (first !== "created" && !first.ok) throw failureOf(first.error, what);
    // Whatever happens to the call later is the site's events' to tell; a late refusal is only logged.
    void job.then(
      (r) => !r.ok && o.log(`freeswitch: callback ${uuid} ended: ${r.error}`),
      (e: unknown) => o.log(`freeswitch: callback ${uuid}: ${(e as Error).message}`),
    );
    return uuid;
  } catch (e) {
    // Given up (deadline) or refused: make sure no half-made call is left ringing.
    void esl.api(`uuid_kill ${uuid}`, AbortSignal.timeout(5_000)).catch(() => undefined);
    throw e;
  } finally {
    stopWatching();
  }
}
