import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { isDomainError, type DomainErrorKind } from "@/lib/errors/domain-errors";
import { domainErrorOfStore } from "@/lib/errors/store-errors";
import { isCommandFailed } from "@/lib/telephony/commands";

/** The one mapping from a domain error's kind to an HTTP status. */
const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  too_many: 429,
  gone: 410,
};

/** Zod issues as one readable sentence: "from: expected a number; queue: too long". */
export function describeZodError(e: ZodError): string {
  return e.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; ");
}

export function errorResponse(thrown: unknown): NextResponse {
  const e = domainErrorOfStore(thrown) ?? thrown;
  if (e instanceof ZodError) return NextResponse.json({ error: describeZodError(e) }, { status: 400 });
  // The platform's own words for what failed (no_such_call, timeout, ...), for a client that acts on them.
  if (isCommandFailed(e)) return NextResponse.json({ error: e.message, code: e.code }, { status: STATUS[e.kind] });
  // Domain errors are recognised by brand, not class: they may come from another copy of the module.
  if (isDomainError(e)) return NextResponse.json({ error: e.message, ...currentVersionOf(e) }, { status: STATUS[e.kind] });
  console.error("unhandled error in route handler", e);
  return NextResponse.json({ error: "internal error; see the server log" }, { status: 500 });
}

/** A lost edit race (Conflict) names the version the editor should reload. */
function currentVersionOf(e: object): { currentVersion?: number } {
  const v = (e as { currentVersion?: unknown }).currentVersion;
  return typeof v === "number" ? { currentVersion: v } : {};
}
