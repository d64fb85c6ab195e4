import type { Env } from "@/lib/env";
import { authSecret } from "@/lib/auth/secret";
import { upgradeSessionUser } from "@/lib/auth/upgrade-session";
import { watchSession } from "@/lib/auth/sessions/watch-session";
import { setUpgradeHandler } from "@/lib/http/upgrade-handlers";
import { MONITOR_WS_PATH } from "@/lib/telephony/monitor-api";
import { monitorSessions } from "@/lib/telephony/monitor-registry";
import { MonitorRelay } from "./monitor-relay";

/** Registers the monitoring relay for npm start's server to hand its upgrades to; returns the function that stops it. */
export function startMonitorRelay(env: Env, log: (line: string) => void): () => void {
  const secret = () => authSecret(env);
  const relay = new MonitorRelay({
    sessions: monitorSessions,
    secret,
    cookieUser: (req) => upgradeSessionUser(req, secret()),
    watchSession: (user, signal) => watchSession(user, "monitor", signal),
    publicUrl: env.NEXTAUTH_URL,
    log,
  });
  const remove = setUpgradeHandler(MONITOR_WS_PATH, relay.handleUpgrade);
  return () => {
    remove();
    relay.close();
  };
}
