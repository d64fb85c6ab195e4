import type { ClickHouseClient } from "@clickhouse/client";
import type { z } from "zod";
import type { Capability } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";

/**
 * One declaration per endpoint: its path, the capability a caller needs, the zod
 * schema of its parameters (query string and path segments, in the URL's own
 * names) and the lib call that answers it. `handle()` turns it into the route
 * handler, `prefetchEndpoint()` answers the same call during a server render, and
 * `apiQueryOptions()` gives the browser its TanStack Query options (by the path,
 * with the request and response types taken from here).
 */

export type EndpointContext = {
  ch: ClickHouseClient;
  tenantId: string;
  user: SessionUser;
  /** Aborted when the caller goes away. */
  signal: AbortSignal;
  /** The caller's address as the request reports it (lib/http/client-address.ts), for the audit log; absent in a server render. */
  from?: string;
};

export type Method = "GET" | "PUT" | "POST";

export type Endpoint<Path extends string, Params extends z.ZodType, Body extends z.ZodType | undefined, Result, M extends Method = Method> = {
  method: M;
  /** Next.js route path, path segments in brackets: /api/definitions/[queueId]. */
  path: Path;
  capability: Capability;
  params: Params;
  /** The JSON body's schema, for PUT and POST; `bodyHint` shows a caller the expected shape when the body is not JSON. */
  body?: Body;
  bodyHint?: string;
  /** The lib call. A `Response` (a CSV file, an event stream) is sent as it is; anything else as JSON. */
  run(ctx: EndpointContext, params: z.output<Params>, body: Body extends z.ZodType ? z.output<Body> : undefined): Promise<Result>;
};

/** Any declaration (run is a method, so its parameters are compared bivariantly and every declaration fits). */
export type AnyEndpoint = Endpoint<string, z.ZodType, z.ZodType | undefined, unknown>;

export function defineEndpoint<Path extends string, Params extends z.ZodType, Result, M extends Method, Body extends z.ZodType | undefined = undefined>(
  e: Endpoint<Path, Params, Body, Result, M>,
): Endpoint<Path, Params, Body, Result, M> {
  return e;
}

/** The request a browser builds for an endpoint: the parameters' parsed types, optional where the URL may leave them out. */
export type RequestOf<E extends AnyEndpoint> = {
  [K in keyof z.input<E["params"]>]: K extends keyof z.output<E["params"]> ? ReadonlyLists<z.output<E["params"]>[K]> : never;
};
type ReadonlyLists<T> = T extends (infer U)[] ? readonly U[] : T;

export type ResultOf<E extends AnyEndpoint> = Awaited<ReturnType<E["run"]>>;
