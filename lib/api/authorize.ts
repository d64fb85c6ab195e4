import { can } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { Forbidden, Unauthenticated } from "@/lib/errors/domain-errors";
import type { AnyEndpoint } from "./endpoint";

/** The one session-and-role check every declared endpoint passes, over HTTP or in a server prefetch. */
export function authorize(user: SessionUser | null, endpoint: Pick<AnyEndpoint, "capability">): SessionUser {
  if (!user) throw new Unauthenticated();
  if (!can(user.role, endpoint.capability)) throw new Forbidden(`use ${endpoint.capability}`);
  return user;
}
