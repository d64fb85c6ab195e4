import NextAuth from "next-auth";
import type { NextApiRequest, NextApiResponse } from "next";
import type { NextRequest } from "next/server";
import { getEnv } from "../env";
import { clientAddress } from "./client-address";
import { buildAuthOptions } from "./options";
import { requestOrigin } from "./request-origin";

/**
 * The next-auth route (app/api/auth/[...nextauth]), told which origin the request
 * was made to.
 *
 * next-auth v4 takes the origin from NEXTAUTH_URL, and without it from
 * X-Forwarded-Host/-Proto only if AUTH_TRUST_HOST is set, else it assumes
 * http://localhost:3000, so every redirect (sign-out, single sign-on) went there.
 * Its App Router handler reads the headers itself (next/headers), where we cannot
 * correct them; its API-route form takes them from the request object we give it.
 * So this hands it, through that form, the request's headers with the forwarded
 * pair replaced by the origin requestOrigin() inferred (trusting a proxy's only under
 * AUTH_TRUST_PROXY); buildAuthOptions sets AUTH_TRUST_HOST so next-auth reads that pair.
 */
export async function authRoute(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  const env = getEnv();
  const inferred = requestOrigin(request.headers, { nextauthUrl: env.NEXTAUTH_URL, trustProxy: env.AUTH_TRUST_PROXY });
  if ("error" in inferred) return Response.json({ error: inferred.error }, { status: 400 });
  const origin = new URL(inferred.origin);
  const headers = { ...Object.fromEntries(request.headers), "x-forwarded-host": origin.host, "x-forwarded-proto": origin.protocol.slice(0, -1) };

  const { nextauth } = await context.params;
  const req = {
    method: request.method,
    headers,
    cookies: Object.fromEntries(request.cookies.getAll().map((c) => [c.name, c.value])),
    query: { ...Object.fromEntries(request.nextUrl.searchParams), nextauth },
    body: await readBody(request),
  };
  const res = new CollectedResponse();
  // Built per request so a new session records where it came from (the admins' session list).
  const client = { clientAddress: clientAddress(request.headers, env.AUTH_TRUST_PROXY), userAgent: (request.headers.get("user-agent") ?? "").slice(0, 256) };
  await NextAuth(req as unknown as NextApiRequest, res as unknown as NextApiResponse, buildAuthOptions(env, client));
  return res.toResponse();
}

/** As next-auth's own App Router handler reads a body: JSON or a form, on POST only. */
async function readBody(request: Request): Promise<Record<string, unknown> | undefined> {
  if (request.method !== "POST" || !request.body) return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) return (await request.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(await request.text()));
  return undefined;
}

/** The part of a Node API response next-auth's API-route handler writes to, collected into a web Response. */
class CollectedResponse {
  private statusCode = 200;
  private readonly headers = new Map<string, string | string[]>();
  private body: BodyInit | null = null;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  getHeader(name: string): string | string[] | undefined {
    return this.headers.get(name.toLowerCase());
  }
  setHeader(name: string, value: string | string[]): this {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }
  end(): void {}
  json(value: unknown): void {
    this.setHeader("content-type", "application/json");
    this.body = JSON.stringify(value);
  }
  send(value: unknown): void {
    if (typeof value === "string") this.body = value;
    else if (value !== undefined && value !== null) this.json(value);
  }

  toResponse(): Response {
    const headers = new Headers();
    for (const [name, value] of this.headers) for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    return new Response(this.body, { status: this.statusCode, headers });
  }
}
