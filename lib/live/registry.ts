import { Unavailable } from "@/lib/errors/domain-errors";
import type { LiveFloor } from "./live-floor";

/**
 * The process's live floor, on globalThis because Next.js loads modules once per
 * bundle (instrumentation, each route) and all of them must share the one floor.
 */
const KEY = Symbol.for("cc-supervisor.live-floor");
type Holder = { [KEY]?: LiveFloor };

export function getLiveFloor(): LiveFloor | undefined {
  return (globalThis as Holder)[KEY];
}

export function setLiveFloor(floor: LiveFloor | undefined): void {
  (globalThis as Holder)[KEY] = floor;
}

/** For route handlers: the floor, or a 503 naming why there is none. */
export function requireLiveFloor(): LiveFloor {
  const floor = getLiveFloor();
  if (!floor) throw new Unavailable("the live floor is not running in this process (it needs the in-process event stream; see docs/live-floor.md)");
  return floor;
}
