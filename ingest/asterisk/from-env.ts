import type { Env } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { AsteriskAdapter } from "./adapter";
import type { AriConfig } from "./ari-client";
import { storeFloor } from "./store-floor";

/**
 * TELEPHONY=asterisk: ARI_* and AMI_* (lib/env.ts checks they are set), the floor read from
 * the store the queue_log fills (the same ClickHouse client the runtime uses), and the
 * queue_log followed when ASTERISK_QUEUE_LOG names it. The source, asterisk://<ARI host>, is
 * part of every queue_log event's id: `npm run import:queue-log --source` must say the same
 * for a file imported by hand to add nothing twice.
 */
export function asteriskFromEnv(env: Env): AsteriskAdapter {
  const url = new URL(env.ARI_URL ?? "");
  return new AsteriskAdapter({
    ari: ariConfigFromEnv(env),
    ami: { host: env.AMI_HOST ?? url.hostname, port: env.AMI_PORT, user: env.AMI_USER ?? "", secret: env.AMI_SECRET ?? "" },
    floor: storeFloor(() => getClickHouse(env), env.TENANT_ID),
    tenantId: env.TENANT_ID,
    source: `asterisk://${url.hostname}`,
    callback: { customerEndpoint: env.ASTERISK_CALLBACK_ENDPOINT, supervisorEndpoint: env.ASTERISK_SUPERVISOR_ENDPOINT, callerId: env.ASTERISK_CALLBACK_CALLER_ID },
    queueLog: env.ASTERISK_QUEUE_LOG === undefined ? undefined : { file: env.ASTERISK_QUEUE_LOG, wrapUpSeconds: env.ASTERISK_WRAPUP_SECONDS },
  });
}

/** ARI_URL, ARI_USER, ARI_PASSWORD and ARI_APP (ARI_URL must be set: lib/env.ts checks it for TELEPHONY=asterisk, callers otherwise). */
export function ariConfigFromEnv(env: Env): AriConfig {
  return { url: new URL(env.ARI_URL ?? "").toString(), user: env.ARI_USER ?? "", password: env.ARI_PASSWORD ?? "", app: env.ARI_APP };
}
