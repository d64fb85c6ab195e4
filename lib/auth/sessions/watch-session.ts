import type { Capability } from "../roles";
import type { SessionUser } from "../session-user";
import { sessionRegistry } from "./process-registry";
import { resolveSessionUser } from "./resolve-user";
import { SessionWatcher } from "./session-watch";

const KEY = Symbol.for("cc-supervisor.session-watcher");
type Holder = { [KEY]?: SessionWatcher };

/**
 * For a long request (an event stream): a signal that aborts when the request does
 * or when the caller's session no longer allows `capability`. One watcher per
 * process, on globalThis like the registry it listens to.
 */
export function watchSession(user: SessionUser, capability: Capability, signal: AbortSignal): AbortSignal {
  const holder = globalThis as Holder;
  holder[KEY] ??= new SessionWatcher({
    resolve: resolveSessionUser,
    subscribe: (listener) => sessionRegistry().onChange(listener),
    onError: (e) => console.error("sessions: could not re-check an open stream's session", e),
  });
  return holder[KEY].watch(user, capability, signal);
}
