/**
 * One edit of a record at a time in this process. Not what makes edits atomic
 * (the claim in record_versions does that, across processes too); it saves the
 * requests of one process from racing each other to a claim only one can win, so
 * the others get "someone else saved version N" from the version check instead.
 * Kept on globalThis: Next.js may load this module once per bundle, and every
 * copy must share the one set of locks.
 */
const KEY = Symbol.for("cc-supervisor.record-locks");
type Holder = { [KEY]?: Map<string, Promise<void>> };

export async function withKeyLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const holder = globalThis as Holder;
  const locks = (holder[KEY] ??= new Map());
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.then(fn);
  // The chain's tail never rejects, so one failed edit does not fail the ones queued after it.
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  locks.set(key, tail);
  try {
    return await run;
  } finally {
    if (locks.get(key) === tail) locks.delete(key);
  }
}

/** How many keys have an edit running or queued (for tests: none may leak). */
export function heldKeyLocks(): number {
  return (globalThis as Holder)[KEY]?.size ?? 0;
}
