import { spellDuration } from "@/lib/time/spell-duration";

/**
 * How far ahead of this server's clock an event may be dated (INGEST_MAX_FUTURE_MS). A
 * platform's clock a little ahead of ours is normal; an event dated 2100 is a broken clock or
 * a broken producer, and stored it would be the newest event for years: the simulator resumed
 * after it (and so never produced anything again) and the wallboard jumped to its day. Five
 * minutes covers NTP drift and a PBX clock set by hand.
 */
export const DEFAULT_MAX_FUTURE_MS = 5 * 60_000;

/** Why an event is refused for its date, or undefined when it may be stored. Pure. */
export function futureTimeDetail(time: number, now: number, maxFutureMs: number): string | undefined {
  const ahead = time - now;
  if (ahead <= maxFutureMs) return undefined;
  return (
    `time ${new Date(time).toISOString()} is ${spellDuration(ahead)} ahead of this server's clock (${new Date(now).toISOString()}); ` +
    `events more than ${spellDuration(maxFutureMs)} ahead are refused (INGEST_MAX_FUTURE_MS)`
  );
}
