import type { z } from "zod";
import { InvalidInput } from "@/lib/errors/domain-errors";
import type { AnyEndpoint } from "./endpoint";
import { unknownParam } from "./accepted-keys";
import { searchParamsObject } from "./params";

/**
 * An endpoint's parameters from a query string and path segments: unknown names
 * are refused, the rest parsed by the declaration's schema (a ZodError names the
 * parameter and what is wrong with it).
 */
export function parseParams<E extends AnyEndpoint>(endpoint: E, search: URLSearchParams, pathParams: Record<string, string> = {}): z.output<E["params"]> {
  const raw: Record<string, unknown> = { ...searchParamsObject(search), ...pathParams };
  const unknown = unknownParam(endpoint.params, raw, search.keys());
  if (unknown !== undefined) throw new InvalidInput(`${unknown}: unknown parameter for ${endpoint.path}`);
  return endpoint.params.parse(raw) as z.output<E["params"]>;
}

/** A PUT/POST body, parsed by the declaration's body schema. */
export async function parseBody<E extends AnyEndpoint>(endpoint: E, request: Request): Promise<unknown> {
  if (!endpoint.body) return undefined;
  const json: unknown = await request.json().catch(() => {
    throw new InvalidInput(`body must be JSON${endpoint.bodyHint ? `: ${endpoint.bodyHint}` : ""}`);
  });
  return endpoint.body.parse(json);
}
