/**
 * One writer of a recording's media at a time in this process. Every change to
 * recording_media reads the latest version and writes version + 1 (a redaction, a
 * restore, a retention deletion, the first store); two of them interleaved would both
 * write the same version from the same old row, and the later write could undo the
 * other (a redaction that read the audio before retention deleted it would store it
 * again). Each writer does its read, its objects and its row inside withMediaLock, so
 * the second reads what the first wrote. Unlike singleFlight (which shares one result),
 * every caller's work runs, in turn. On globalThis, since each Next.js bundle loads its
 * own copy of this module and a route, the speech queue and the retention job must share.
 *
 * Only this process: a second process writing the same recording's media at the same
 * moment is not held (the product writes media from the web server; `npm run
 * import:recordings` runs while it is stopped, with the embedded store).
 */
const KEY = Symbol.for("cc-supervisor.recording-media-locks");
type Lock = { tail: Promise<void>; waiting: number };
type Holder = { [KEY]?: Map<string, Lock> };

const locks = (): Map<string, Lock> => ((globalThis as Holder)[KEY] ??= new Map());
const keyOf = (tenantId: string, recordingId: string) => JSON.stringify([tenantId, recordingId]);

export function withMediaLock<T>(tenantId: string, recordingId: string, work: () => Promise<T>): Promise<T> {
  const key = keyOf(tenantId, recordingId);
  const all = locks();
  const lock = all.get(key) ?? { tail: Promise.resolve(), waiting: 0 };
  all.set(key, lock);
  lock.waiting += 1;
  // The tail never rejects: one writer's failure must not fail the next.
  const result = lock.tail.then(work);
  lock.tail = result.then(
    () => undefined,
    () => undefined,
  );
  void lock.tail.then(() => {
    lock.waiting -= 1;
    if (lock.waiting === 0 && all.get(key) === lock) all.delete(key);
  });
  return result;
}

/** How many writers hold or wait for a recording's lock (tests use it to interleave writers). */
export function mediaLockHolders(tenantId: string, recordingId: string): number {
  return locks().get(keyOf(tenantId, recordingId))?.waiting ?? 0;
}
