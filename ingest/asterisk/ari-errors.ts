import { CommandFailed, type CommandErrorCode } from "@/lib/telephony/commands";

/**
 * ARI's HTTP answers in the product's words (docs/telephony.md). What an answer means depends
 * on what was asked: a 404 for the agent's channel means the call ended under us, a 404 for
 * the call's own lookup means no such call. 401/403 are ARI refusing our credentials. Any
 * other refusal (400, 409, 422, 5xx) is our bug or the site's configuration, so it is
 * `unreachable` with Asterisk's own message, never blamed on the supervisor.
 */
export type AriErrorContext = {
  /** What was being done, for the message: "snooping on channel 1733.42". */
  what: string;
  /** Codes for statuses this request gives a meaning of their own; 404 is call_ended unless said here. */
  codes?: Partial<Record<number, CommandErrorCode>>;
};

const DEFAULT_CODES: Readonly<Record<number, CommandErrorCode>> = { 401: "not_permitted", 403: "not_permitted", 404: "call_ended" };

export function ariFailure(status: number, body: string, ctx: AriErrorContext): CommandFailed {
  const said = ariMessage(body);
  const detail = `Asterisk answered ${status}${said ? ` (${said})` : ""} when ${ctx.what}`;
  const code = ctx.codes?.[status] ?? DEFAULT_CODES[status] ?? "unreachable";
  return new CommandFailed(code, code === "not_permitted" && status === 401 ? `${detail}: check ARI_USER / ARI_PASSWORD and ari.conf` : detail);
}

/** A fetch that never got an answer: given up (its signal), or refused, reset, DNS: unreachable. */
export function ariUnreachable(cause: unknown, ctx: AriErrorContext): CommandFailed {
  if (cause instanceof Error && (cause.name === "AbortError" || cause.name === "TimeoutError")) {
    return new CommandFailed("timeout", `gave up waiting for Asterisk when ${ctx.what}`);
  }
  const message = cause instanceof Error ? (cause.cause instanceof Error ? `${cause.message}: ${cause.cause.message}` : cause.message) : String(cause);
  return new CommandFailed("unreachable", `Asterisk could not be reached when ${ctx.what}: ${message}`);
}

/** ARI errors are `{"message": "..."}`; anything else is kept short as it came. */
function ariMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "message" in parsed && typeof parsed.message === "string") return parsed.message;
  } catch {
    // not JSON: fall through
  }
  return body.trim().slice(0, 200);
}
