import type { Env } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { FreeswitchAdapter } from "./adapter";
import { agentLegFromStore } from "./agent-leg";

/** TELEPHONY=freeswitch: FREESWITCH_* (lib/env.ts checks host and password are set), the agent legs read from the store the site's feed fills. */
export function freeswitchFromEnv(env: Env): FreeswitchAdapter {
  const host = env.FREESWITCH_ESL_HOST ?? "";
  return new FreeswitchAdapter({
    esl: { host, port: env.FREESWITCH_ESL_PORT, password: env.FREESWITCH_ESL_PASSWORD ?? "" },
    findAgentLeg: agentLegFromStore(() => getClickHouse(env), env.TENANT_ID),
    callbackDialString: env.FREESWITCH_CALLBACK_DIALSTRING,
    supervisorCallbackDialString: env.FREESWITCH_SUPERVISOR_CALLBACK_DIALSTRING,
    supervisorDialString: env.FREESWITCH_SUPERVISOR_DIALSTRING,
    tenantId: env.TENANT_ID,
    source: `freeswitch://${host}`,
  });
}
