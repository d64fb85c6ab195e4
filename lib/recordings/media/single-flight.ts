import { outsideRequest } from "@/lib/store/request-signal";

/**
 * One piece of work per key at a time in this process: callers asking for a key
 * whose work is under way share its promise. On globalThis, since each Next.js
 * bundle loads its own copy of this module and a route and the runtime must share.
 */
const KEY = Symbol.for("cc-supervisor.recording-media-flights");
type Holder = { [KEY]?: Map<string, Promise<unknown>> };

export function singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
  const holder = globalThis as Holder;
  const flights = (holder[KEY] ??= new Map());
  const running = flights.get(key) as Promise<T> | undefined;
  if (running) return running;
  // Shared by every caller, so it must not run under the first caller's request signal: a media
  // element aborts its range request on each seek, which would fail everyone else's wait too.
  const started = outsideRequest(work).finally(() => flights.delete(key));
  flights.set(key, started);
  return started;
}
