import type { SessionUser } from "@/lib/auth/session";
import { agentExists, queueExists } from "@/lib/directory/subject-exists";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { pageInScope } from "./page-in-scope";

/**
 * Whether a page about one queue or agent has something to show: a usable id, in
 * the user's scope, that the store knows. Otherwise the page answers the app's
 * not-found, the same for an id out of scope as for one that never existed.
 */
export async function pageSubjectFound(user: SessionUser, ids: { queue: string } | { agent: string }): Promise<boolean> {
  const id = "queue" in ids ? ids.queue : ids.agent;
  if (id.length === 0 || id.length > 128 || !(await pageInScope(user, ids))) return false;
  const env = getEnv();
  const ch = await getClickHouse(env);
  return "queue" in ids ? queueExists(ch, env.TENANT_ID, id) : agentExists(ch, env.TENANT_ID, id);
}
