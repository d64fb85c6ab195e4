import type { SessionUser } from "@/lib/auth/session";
import { scopeAccess } from "@/lib/auth/scope-access";
import { agentsToCheck, applyScope, type EndpointScope } from "@/lib/api/endpoint-scope";
import { agentTeams } from "@/lib/directory/agent-teams";
import { OutOfScope } from "@/lib/errors/domain-errors";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";

const PAGE_SCOPE: EndpointScope = { queue: "queue", agent: "agent" };

/**
 * Whether a page about one queue or one agent is in the user's scope, by the
 * endpoints' own step (endpoint-scope.ts): a page answers the app's not-found
 * where its API would answer 404.
 */
export async function pageInScope(user: SessionUser, ids: { queue: string } | { agent: string }): Promise<boolean> {
  const access = scopeAccess(user.scope);
  const agents = agentsToCheck(access, PAGE_SCOPE, ids);
  let teams = new Map<string, string>();
  if (agents.length > 0) {
    const env = getEnv();
    teams = await agentTeams(await getClickHouse(env), env.TENANT_ID, agents);
  }
  try {
    applyScope(access, PAGE_SCOPE, ids, teams);
    return true;
  } catch (e) {
    if (e instanceof OutOfScope) return false;
    throw e;
  }
}
