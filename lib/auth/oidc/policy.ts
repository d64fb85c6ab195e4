import { ROLES, roleSchema, type Role } from "../roles";
import { scopeSchema, type Scope } from "../scope";
import { OIDC_BAD_SCOPE, OIDC_NO_ROLE, OIDC_NOT_ALLOWED } from "../sign-in-refusal";

/**
 * Who of the people an OIDC provider knows may come in, with which role and scope.
 * Pure: the settings are parsed once (parseOidcPolicy, at start-up, which refuses an
 * OIDC set-up without an allow-list), and each sign-in's claims are judged by
 * decideOidc. The provider's profile() in lib/auth/options.ts calls it.
 */
export type OidcPolicy = {
  /** Lower-cased addresses. */
  allowedEmails: ReadonlySet<string>;
  /** Lower-cased domains: the part after the @, exactly (a subdomain is another domain). */
  allowedDomains: ReadonlySet<string>;
  groupsClaim: string;
  allowedGroups: ReadonlySet<string>;
  roleClaim: string;
  /** Claim value -> role. Without a map, a claim value that is one of our role names is that role. */
  roleMap?: ReadonlyMap<string, Role>;
  /** Only when the operator set OIDC_DEFAULT_ROLE: the role of an allowed person no claim value maps. */
  defaultRole?: Role;
  scopeClaim?: string;
};

export type OidcSettings = {
  OIDC_ALLOWED_EMAILS?: string;
  OIDC_ALLOWED_DOMAINS?: string;
  OIDC_ALLOWED_GROUPS?: string;
  OIDC_GROUPS_CLAIM: string;
  OIDC_ROLE_CLAIM: string;
  OIDC_ROLE_MAP?: string;
  OIDC_DEFAULT_ROLE?: Role;
  OIDC_SCOPE_CLAIM?: string;
};

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

/** The policy, or the problems with the settings (each naming its variable). */
export function parseOidcPolicy(s: OidcSettings): { policy: OidcPolicy } | { problems: string[] } {
  const problems: string[] = [];
  const allowedEmails = new Set(list(s.OIDC_ALLOWED_EMAILS).map((e) => e.toLowerCase()));
  for (const e of allowedEmails) if (!/^[^@\s]+@[^@\s]+$/.test(e)) problems.push(`OIDC_ALLOWED_EMAILS: "${e}" is not an email address`);
  const allowedDomains = new Set(list(s.OIDC_ALLOWED_DOMAINS).map((d) => d.toLowerCase().replace(/^@/, "")));
  for (const d of allowedDomains) if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) problems.push(`OIDC_ALLOWED_DOMAINS: "${d}" is not a domain`);
  const allowedGroups = new Set(list(s.OIDC_ALLOWED_GROUPS));
  if (allowedEmails.size + allowedDomains.size + allowedGroups.size === 0) {
    problems.push(
      "OIDC_ALLOWED_EMAILS / OIDC_ALLOWED_DOMAINS / OIDC_ALLOWED_GROUPS: at least one is required with OIDC_ISSUER; without an allow-list everyone the provider knows would get in",
    );
  }
  const roleMap = s.OIDC_ROLE_MAP === undefined ? undefined : parseRoleMap(s.OIDC_ROLE_MAP, problems);
  if (problems.length > 0) return { problems };
  return {
    policy: {
      allowedEmails,
      allowedDomains,
      groupsClaim: s.OIDC_GROUPS_CLAIM,
      allowedGroups,
      roleClaim: s.OIDC_ROLE_CLAIM,
      roleMap,
      defaultRole: s.OIDC_DEFAULT_ROLE,
      scopeClaim: s.OIDC_SCOPE_CLAIM,
    },
  };
}

/**
 * `value=role,value=role`, or a JSON object `{"value": "role"}` for claim values that
 * hold commas or equals signs themselves (an LDAP group's DN).
 */
function parseRoleMap(text: string, problems: string[]): Map<string, Role> {
  const map = new Map<string, Role>();
  let pairs: Array<[string, unknown]>;
  if (text.trim().startsWith("{")) {
    const parsed = safeJson(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      problems.push("OIDC_ROLE_MAP: not a JSON object of claim value to role");
      return map;
    }
    pairs = Object.entries(parsed);
  } else {
    pairs = list(text).map((pair) => {
      const at = pair.lastIndexOf("=");
      return at <= 0 ? [pair, undefined] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    });
  }
  for (const [value, roleName] of pairs) {
    const role = roleSchema.safeParse(roleName);
    if (roleName === undefined || !value) problems.push(`OIDC_ROLE_MAP: "${value}" is not claimValue=role`);
    else if (!role.success) problems.push(`OIDC_ROLE_MAP: "${value}" maps to ${JSON.stringify(roleName)}, not a role of ours (${ROLES.join(", ")})`);
    else map.set(value, role.data);
  }
  return map;
}

export type Claims = Record<string, unknown>;

/**
 * A claim by name: the top-level key if there is one (Auth0's namespaced claims are
 * URLs full of dots), else a dotted path into nested objects (Keycloak's
 * `realm_access.roles`).
 */
export function claim(claims: Claims, name: string): unknown {
  if (name in claims) return claims[name];
  let at: unknown = claims;
  for (const part of name.split(".")) {
    if (typeof at !== "object" || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** A claim's string values: an array's strings, or a single string; anything else is none. */
export function claimValues(value: unknown): string[] {
  if (typeof value === "string") return value.length > 0 ? [value] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v.length > 0);
  return [];
}

/** Most to least: a supervisor can do all a manager or QA can, an admin everything. */
const ROLE_RANK: readonly Role[] = ["admin", "supervisor", "manager", "qa"];

export type OidcUser = { id: string; name: string; email?: string; role: Role; scope?: Scope };
export type OidcDecision = { ok: true; user: OidcUser } | { ok: false; code: string; reason: string };

export function decideOidc(claims: Claims, policy: OidcPolicy): OidcDecision {
  const sub = typeof claims.sub === "string" && claims.sub.length > 0 ? claims.sub : undefined;
  if (!sub) return { ok: false, code: OIDC_NOT_ALLOWED, reason: "the token has no subject" };
  // An address the provider says it has not verified proves nothing about who this is.
  const email = typeof claims.email === "string" && claims.email_verified !== false && claims.email_verified !== "false" ? claims.email.toLowerCase() : undefined;
  const domain = email?.slice(email.lastIndexOf("@") + 1);
  const groups = claimValues(claim(claims, policy.groupsClaim));
  const allowed =
    (email !== undefined && policy.allowedEmails.has(email)) ||
    (domain !== undefined && policy.allowedDomains.has(domain)) ||
    groups.some((g) => policy.allowedGroups.has(g));
  if (!allowed) return { ok: false, code: OIDC_NOT_ALLOWED, reason: `${email ?? sub} is not on the allow-list` };

  const values = claimValues(claim(claims, policy.roleClaim));
  const mapped = values.map((v) => (policy.roleMap ? policy.roleMap.get(v) : roleSchema.safeParse(v).data)).filter((r): r is Role => r !== undefined);
  const role = ROLE_RANK.find((r) => mapped.includes(r)) ?? policy.defaultRole;
  if (!role) return { ok: false, code: OIDC_NO_ROLE, reason: `${email ?? sub}: no value of the ${policy.roleClaim} claim maps to a role` };

  let scope: Scope | undefined;
  if (policy.scopeClaim) {
    const raw = claim(claims, policy.scopeClaim);
    if (raw !== undefined && raw !== null) {
      const parsed = scopeSchema.safeParse(typeof raw === "string" ? safeJson(raw) : raw);
      if (!parsed.success) return { ok: false, code: OIDC_BAD_SCOPE, reason: `${email ?? sub}: the ${policy.scopeClaim} claim is not {teams, queues}` };
      scope = parsed.data;
    }
  }
  const name = [claims.name, claims.preferred_username, claims.email].find((v): v is string => typeof v === "string" && v.length > 0) ?? sub;
  return { ok: true, user: { id: sub, name, ...(email ? { email } : {}), role, ...(scope ? { scope } : {}) } };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
