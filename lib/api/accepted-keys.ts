import { z } from "zod";

/**
 * The parameter names a schema declares, so a request naming any other gets a 400
 * instead of being silently ignored (a misspelt `queeu=` would otherwise widen the
 * answer to every queue). For a discriminated union, the names of the branch the
 * request selects.
 */
export function acceptedKeys(schema: z.ZodType, raw: Record<string, unknown>): Set<string> | null {
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const key = schema._zod.def.discriminator;
    const options = schema.options as z.ZodType[];
    const chosen = options.filter((o) => o instanceof z.ZodObject && literalValues(o.shape[key]).includes(raw[key]));
    const keys = new Set<string>();
    for (const o of chosen.length > 0 ? chosen : options) for (const k of acceptedKeys(o, raw) ?? []) keys.add(k);
    return keys;
  }
  return null;
}

function literalValues(t: unknown): unknown[] {
  return t instanceof z.ZodLiteral ? [...t.values] : [];
}

/** The first parameter the schema does not declare, if any. */
export function unknownParam(schema: z.ZodType, raw: Record<string, unknown>, present: Iterable<string>): string | undefined {
  const keys = acceptedKeys(schema, raw);
  if (!keys) return undefined;
  for (const k of present) if (!keys.has(k)) return k;
  return undefined;
}
