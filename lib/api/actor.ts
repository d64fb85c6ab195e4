import type { Actor } from "@/lib/audit/write-audit";
import type { EndpointContext } from "./endpoint";

/** The audit log's actor for a request: who (id, name, role) and from where. Only these fields, whatever else a session carries. */
export function actorOf({ user, from }: Pick<EndpointContext, "user" | "from">): Actor {
  return { id: user.id, name: user.name, role: user.role, ...(from ? { from } : {}) };
}
