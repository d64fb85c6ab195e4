import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { EnvError, getEnv, type Env } from "../env";
import { clientAddress } from "./client-address";
import { decideOidc, parseOidcPolicy, type Claims } from "./oidc/policy";
import { SignInRefused, signInThrottle, signInWithPassword } from "./password-sign-in";
import { authSecret } from "./secret";
import { sessionHooks, type ClientInfo } from "./session-hooks";
import { SESSION_MAX_AGE_S } from "./sessions/session-limits";
import { authenticate } from "./users-file";
import { usersFilePath } from "./users-file-path";

export { usersFilePath };

/** What profile() hands next-auth for a person the OIDC policy refuses: no role, and the refusal code for the signIn callback. */
type RefusedProfile = { id: string; name: string; refusal: string };

function oidcProvider(env: Env): OAuthConfig<Claims> | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  const parsed = parseOidcPolicy(env);
  // assertWebAuthConfig refused these at start-up; this is for a caller that skipped it.
  if ("problems" in parsed) throw new EnvError(parsed.problems);
  const policy = parsed.policy;
  return {
    id: "oidc",
    name: "Single sign-on",
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid profile email" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (claims) => {
      const decision = decideOidc(claims, policy);
      if (decision.ok) return decision.user;
      console.warn(`sign-in: single sign-on refused: ${decision.reason}`);
      const refused: RefusedProfile = { id: typeof claims.sub === "string" && claims.sub ? claims.sub : "unknown", name: "refused", refusal: decision.code };
      return refused;
    },
  };
}

/** A refused OIDC profile sends the browser back to the sign-in page with the reason; anything else goes on. */
export function oidcRefusalRedirect(user: object): string | true {
  return "refusal" in user && typeof user.refusal === "string" ? `/signin?error=${encodeURIComponent(user.refusal)}` : true;
}

/** next-auth's request headers (a plain object) as something with get(). */
const headerSource = (headers: Record<string, unknown> | undefined) => ({
  get: (name: string) => {
    const v = headers?.[name];
    return typeof v === "string" ? v : Array.isArray(v) ? v.join(",") : null;
  },
});

/**
 * Secure (and `__Secure-` named) session cookies: always with an https NEXTAUTH_URL,
 * never when the server itself is reached over http with no proxy trusted to say
 * otherwise; behind a trusted proxy next-auth decides per request from the origin the
 * auth route gives it (X-Forwarded-Proto), see lib/auth/request-origin.ts.
 */
export function secureCookiesSetting(env: Env): boolean | undefined {
  if (env.NEXTAUTH_URL) return env.NEXTAUTH_URL.startsWith("https://");
  return env.AUTH_TRUST_PROXY ? undefined : false;
}

/** `client`: where the request came from, recorded with a new session (the auth route passes it; reading a session needs none). */
export function buildAuthOptions(env: Env, client?: ClientInfo): NextAuthOptions {
  // next-auth reads the origin from X-Forwarded-Host/-Proto only with AUTH_TRUST_HOST. The auth route
  // replaces that pair with the origin it inferred (lib/auth/auth-route.ts); outside it (reading a session)
  // only the cookie names depend on it, fixed by useSecureCookies unless a proxy is trusted to say https.
  // Set here, before any next-auth call of this process, so the first session read after a start agrees.
  if (!env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST = "true";
  const usersFile = usersFilePath(env);
  const providers: NextAuthOptions["providers"] = [];
  if (usersFile) {
    providers.push(
      CredentialsProvider({
        name: "Username and password",
        credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
        authorize: async (credentials, req) => {
          if (!credentials?.username || !credentials.password) return null;
          const address = clientAddress(headerSource(req.headers), env.AUTH_TRUST_PROXY);
          const attempt = { username: credentials.username, password: credentials.password, address };
          // A thrown error's message goes to the browser: our refusal codes (locked, busy) are meant for the
          // sign-in page; anything else (a broken users file) is logged here and not shown there.
          return signInWithPassword(attempt, (u, p) => authenticate(usersFile, u, p), signInThrottle()).catch((e: unknown) => {
            if (e instanceof SignInRefused) throw e;
            console.error("sign-in: password check failed", e);
            throw new Error("SignInFailed");
          });
        },
      }),
    );
  }
  const oidc = oidcProvider(env);
  if (oidc) providers.push(oidc);
  const hooks = sessionHooks(client);
  return {
    secret: authSecret(env),
    useSecureCookies: secureCookiesSetting(env),
    // The cookie holds a session id; the session itself is checked on every request (lib/auth/sessions).
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin" },
    providers,
    ...hooks,
    callbacks: { ...hooks.callbacks, signIn: ({ user }) => oidcRefusalRedirect(user) },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions(getEnv());
  return cached;
}
