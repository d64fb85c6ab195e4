import type { ClickHouseClient } from "@clickhouse/client";
import type { z } from "zod";
import type { Capability } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { scopeAccess, type ScopeAccess } from "@/lib/auth/scope-access";
import { agentTeams } from "@/lib/directory/agent-teams";
import { agentsToCheck, applyScope, checkBodyScope, type EndpointScope } from "./endpoint-scope";

/**
 * One declaration per endpoint: its path, the capability a caller needs, the zod
 * schema of its parameters (query string and path segments, in the URL's own
 * names) and the lib call that answers it. `handle()` turns it into the route
 * handler, `prefetchEndpoint()` answers the same call during a server render, and
 * `apiQueryOptions()` gives the browser its TanStack Query options (by the path,
 * with the request and response types taken from here).
 *
 * Every declaration says how the caller's scope applies (`scope`, see
 * endpoint-scope.ts), and `defineEndpoint` puts that step in front of its lib
 * call: the endpoint's `run` narrows the parameters to the scope (or answers
 * 404) before the declared `run` sees them, whoever calls it (handle() over HTTP,
 * prefetchEndpoint() in a server render, a test).
 */

export type EndpointContext = {
  ch: ClickHouseClient;
  tenantId: string;
  user: SessionUser;
  /** Aborted when the caller goes away. */
  signal: AbortSignal;
  /** The caller's address (lib/auth/client-address.ts: the socket peer, or a trusted proxy's report), for the audit log; absent in a server render. */
  from?: string;
  /** The HTTP request, for the few endpoints that read more than parameters and a JSON body (Range headers, an audio upload); absent in a server render. */
  request?: Request;
};

/** What a declaration's own `run` is given: the context plus the caller's scope, resolved. */
export type ScopedContext = EndpointContext & { access: ScopeAccess };

export type Method = "GET" | "PUT" | "POST" | "PATCH" | "DELETE";

/** Parameter (or body) names a scope declaration may name: each branch's keys for a union schema; any for AnyEndpoint. */
type KeysOf<T> = unknown extends T ? string : T extends unknown ? Extract<keyof T, string> : never;
type BodyOf<Body extends z.ZodType | undefined> = Body extends z.ZodType ? z.output<Body> : undefined;

export type Endpoint<Path extends string, Params extends z.ZodType, Body extends z.ZodType | undefined, Result, M extends Method = Method> = {
  method: M;
  /** Next.js route path, path segments in brackets: /api/definitions/[queueId]. */
  path: Path;
  capability: Capability;
  params: Params;
  /** The JSON body's schema, for PUT and POST; `bodyHint` shows a caller the expected shape when the body is not JSON. */
  body?: Body;
  bodyHint?: string;
  /** How the caller's scope applies (required: an endpoint touching queue or agent data must say how). */
  scope: EndpointScope<KeysOf<z.output<Params>>, KeysOf<BodyOf<Body>>>;
  /** The scope step, then the lib call. A `Response` (a CSV file, an event stream) is sent as it is; anything else as JSON. */
  run(ctx: EndpointContext, params: z.output<Params>, body: BodyOf<Body>): Promise<Result>;
};

/** What is written in lib/api/endpoints: the same, with a `run` that receives parameters already narrowed to the scope. */
export type EndpointDeclaration<Path extends string, Params extends z.ZodType, Body extends z.ZodType | undefined, Result, M extends Method = Method> = Omit<
  Endpoint<Path, Params, Body, Result, M>,
  "run"
> & {
  run(ctx: ScopedContext, params: z.output<Params>, body: BodyOf<Body>): Promise<Result>;
};

/** Any declaration (run is a method, so its parameters are compared bivariantly and every declaration fits). */
export type AnyEndpoint = Endpoint<string, z.ZodType, z.ZodType | undefined, unknown>;

export function defineEndpoint<Path extends string, Params extends z.ZodType, Result, M extends Method, Body extends z.ZodType | undefined = undefined>(
  e: EndpointDeclaration<Path, Params, Body, Result, M>,
): Endpoint<Path, Params, Body, Result, M> {
  return {
    ...e,
    run: async (ctx, params, body) => {
      const access = scopeAccess(ctx.user.scope);
      const agents = agentsToCheck(access, e.scope, params);
      const teams = agents.length > 0 ? await agentTeams(ctx.ch, ctx.tenantId, agents) : new Map<string, string>();
      checkBodyScope(access, e.scope, body);
      return e.run({ ...ctx, access }, applyScope(access, e.scope, params, teams), body);
    },
  };
}

/** The request a browser builds for an endpoint: the parameters' parsed types, optional where the URL may leave them out. */
export type RequestOf<E extends AnyEndpoint> = {
  [K in keyof z.input<E["params"]>]: K extends keyof z.output<E["params"]> ? ReadonlyLists<z.output<E["params"]>[K]> : never;
};
type ReadonlyLists<T> = T extends (infer U)[] ? readonly U[] : T;

export type ResultOf<E extends AnyEndpoint> = Awaited<ReturnType<E["run"]>>;
