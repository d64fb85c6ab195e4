import { can } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { Forbidden, Unauthenticated } from "@/lib/errors/domain-errors";
import type { AnyEndpoint } from "./endpoint";

/** The one session-and-role check every declared endpoint passes, over HTTP or in a server prefetch. */
export function authorize(user: SessionUser | null, endpoint: Pick<AnyEndpoint, "capability">): SessionUser {
  if (!user) throw new Unauthenticated();
  if (!mayUse(user, endpoint)) throw new Forbidden(`use ${endpoint.capability}`);
  return user;
}

/** The same check as a yes or no, for a server prefetch that simply skips what the browser will be refused. */
export function mayUse(user: SessionUser, endpoint: Pick<AnyEndpoint, "capability">): boolean {
  return can(user.role, endpoint.capability);
}
