import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { SessionRegistry } from "./registry";
import { clickHouseSessionStore } from "./session-store";

/**
 * The process's one session registry, on globalThis: Next.js loads this module once
 * per bundle (the auth route, every page and route handler), and all of them must
 * share one cache, or a sign-out seen by one bundle would be missed by another.
 */
const KEY = Symbol.for("cc-supervisor.session-registry");
type Holder = { [KEY]?: SessionRegistry };

export function sessionRegistry(): SessionRegistry {
  const holder = globalThis as Holder;
  holder[KEY] ??= new SessionRegistry({
    store: clickHouseSessionStore(() => getClickHouse(getEnv()), getEnv().TENANT_ID),
    onWriteError: (e) => console.error("sessions: could not record last seen", e),
  });
  return holder[KEY];
}
