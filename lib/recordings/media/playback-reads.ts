/**
 * Which reads of a recording's audio start a new playback, for the audit log. A media
 * element reads one playback in several requests: from byte 0 for the header, the cues,
 * the stretch after a seek, and again from byte 0 when the listener goes back to the start
 * or the browser drops its buffer. Each read from byte 0 is not a new playback: one is new
 * when this user has not read this content (recording and media version) for
 * PLAYBACK_IDLE_MS, wherever that read starts (a client that skips byte 0 is still
 * audited; a seek after a long pause counts as listening again). Every read keeps the
 * playback alive. Kept in this process, on
 * globalThis (each Next.js bundle loads this module); another web server audits its own
 * first read, which is more rows, never fewer.
 */
export const PLAYBACK_IDLE_MS = 10 * 60_000;
/** Beyond this many remembered playbacks, the idle ones are forgotten. */
const MAX_ENTRIES = 10_000;

const KEY = Symbol.for("cc-supervisor.recording-playback-reads");
type Holder = { [KEY]?: Map<string, number> };

/**
 * Notes a read of `content` (a recording's media version) by `userId` that sends bytes, and
 * says whether it starts a new playback: no read of the same content by the same user in
 * the last PLAYBACK_IDLE_MS.
 */
export function readStartsPlayback(userId: string, content: string, now: number = Date.now()): boolean {
  const reads = ((globalThis as Holder)[KEY] ??= new Map());
  const key = JSON.stringify([userId, content]);
  const last = reads.get(key);
  const fresh = last === undefined || now - last >= PLAYBACK_IDLE_MS;
  reads.delete(key);
  reads.set(key, now);
  if (reads.size > MAX_ENTRIES) for (const [k, at] of reads) if (now - at >= PLAYBACK_IDLE_MS || reads.size > MAX_ENTRIES) reads.delete(k);
  return fresh;
}
