import type { Env } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { AsteriskAdapter } from "./adapter";
import { storeFloor } from "./store-floor";

/**
 * TELEPHONY=asterisk: ARI_* and AMI_* (lib/env.ts checks they are set), the floor read from
 * the store the queue_log import fills (the same ClickHouse client the runtime uses).
 */
export function asteriskFromEnv(env: Env): AsteriskAdapter {
  const url = new URL(env.ARI_URL ?? "");
  return new AsteriskAdapter({
    ari: { url: url.toString(), user: env.ARI_USER ?? "", password: env.ARI_PASSWORD ?? "", app: env.ARI_APP },
    ami: { host: env.AMI_HOST ?? url.hostname, port: env.AMI_PORT, user: env.AMI_USER ?? "", secret: env.AMI_SECRET ?? "" },
    floor: storeFloor(() => getClickHouse(env), env.TENANT_ID),
    tenantId: env.TENANT_ID,
    source: `asterisk://${url.host}`,
  });
}
