import { randomUUID } from "node:crypto";
import { writeAudit } from "@/lib/audit/write-audit";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import type { ScopeAccess } from "@/lib/auth/scope-access";
import { agentCallsOnFloor } from "@/lib/live/agent-calls";
import { liveCallInScope } from "@/lib/live/call-in-scope";
import { livePolicyOf } from "@/lib/monitoring-policy/call-policy";
import { MonitorSessions } from "./monitor-sessions";
import { getTelephony } from "./registry";

/**
 * The process's one set of monitoring sessions, on globalThis: the route handlers of
 * every bundle and the WebSocket relay (server/monitor-relay.ts) must find the same
 * sessions, as they find the same platform (registry.ts).
 */
const KEY = Symbol.for("cc-supervisor.monitor-sessions");
type Holder = { [KEY]?: MonitorSessions };

export function monitorSessions(): MonitorSessions {
  const holder = globalThis as Holder;
  holder[KEY] ??= new MonitorSessions({
    telephony: getTelephony,
    now: Date.now,
    agentCalls: agentCallsOnFloor,
    inScope: (access, callId) => liveCallInScope(access as ScopeAccess, callId),
    policy: async (callId) => {
      const env = getEnv();
      return livePolicyOf(await getClickHouse(env), env.TENANT_ID, callId);
    },
    audit: async ({ actor, action, target, details }) => {
      const env = getEnv();
      await writeAudit(await getClickHouse(env), { tenantId: env.TENANT_ID, id: randomUUID(), at: Date.now(), actor, action, target, details });
    },
  });
  return holder[KEY];
}
