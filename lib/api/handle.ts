import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { currentUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { requestCrossSiteProblem } from "@/lib/http/same-origin";
import { clientAddress } from "@/lib/auth/client-address";
import { CrossSite } from "@/lib/errors/domain-errors";
import { getClickHouse } from "@/lib/store/client";
import { withRequestSignal } from "@/lib/store/request-signal";
import type { AnyEndpoint } from "./endpoint";
import { authorize } from "./authorize";
import { parseBody, parseParams } from "./parse-request";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The route handler of a declared endpoint: `export const GET = handle(endpoint)`.
 * Order matters: a mutation another site caused gets 403 first
 * (lib/http/same-origin.ts); a signed-out caller gets 401 and a caller without
 * the capability 403 before any parameter is judged, so nothing is revealed to
 * them; then 400 for bad parameters or body; then the lib call. Every error
 * becomes its status here.
 */
export function handle(endpoint: AnyEndpoint): (request: NextRequest, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      const env = getEnv();
      const crossSite = requestCrossSiteProblem(request, env.NEXTAUTH_URL);
      if (crossSite) throw new CrossSite(crossSite);
      const user = authorize(await currentUser(), endpoint);
      const params = parseParams(endpoint, request.nextUrl.searchParams, pathSegments(await context.params));
      const body = await parseBody(endpoint, request);
      const ch = await getClickHouse(env);
      const ctx = { ch, tenantId: env.TENANT_ID, user, signal: request.signal, from: clientAddress(request.headers, env.AUTH_TRUST_PROXY), request };
      // Every read made for this request is cancelled when its caller leaves (lib/store/request-signal.ts).
      const result = await withRequestSignal(request.signal, () => endpoint.run(ctx, params, body));
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (e) {
      // The caller left and its reads were cancelled: nobody reads this answer, and it is no error of ours.
      if (request.signal.aborted) return new Response(null, { status: 499 });
      return errorResponse(e);
    }
  };
}

function pathSegments(params: Record<string, string | string[]> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) out[k] = Array.isArray(v) ? v.join("/") : v;
  return out;
}
