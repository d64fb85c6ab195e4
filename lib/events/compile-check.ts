import { z } from "zod";

/**
 * A fast yes/no check compiled from a zod schema, for the ingest hot path: it says
 * "yes" only when zod would accept the value and return it unchanged (no unknown
 * keys to strip, no defaults, no transforms), so the value itself can stand in for
 * zod's output. Anything it is not sure of is "no", and the caller asks zod, which
 * then decides and explains. So it may be too strict, never too lenient; the
 * equivalence test (test/unit/events/compile-check.test.ts) holds it to that.
 *
 * It understands the parts of zod the event model uses: objects, strings (length,
 * uuid), numbers (int, bounds), booleans, enums, literals, optionals, arrays,
 * records and discriminated unions. A schema with a refinement is checked
 * structurally here and then by zod itself (only that sub-schema, which is small).
 */
export type Check = (value: unknown) => boolean;

type Def = { type: string; checks?: { _zod: { def: CheckDef } }[] } & Record<string, unknown>;
type CheckDef = { check: string; [k: string]: unknown };

const never: Check = () => false;

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

export function compileCheck(schema: z.ZodType): Check {
  const def = defOf(schema);
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const structural = compileDef(def, checks);
  if (checks.some((c) => c.check === "custom")) return (v) => structural(v) && schema.safeParse(v).success;
  return structural;
}

function compileDef(def: Def, checks: CheckDef[]): Check {
  switch (def.type) {
    case "string":
      return stringCheck(def, checks);
    case "number":
      return numberCheck(checks);
    case "boolean":
      return checks.length === 0 ? (v) => typeof v === "boolean" : never;
    case "enum": {
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      return (v) => typeof v === "string" && values.has(v);
    }
    case "literal": {
      const values = new Set(def.values as unknown[]);
      return (v) => values.has(v);
    }
    case "optional": {
      const inner = compileCheck(def.innerType as z.ZodType);
      return (v) => v === undefined || inner(v);
    }
    case "array":
      return arrayCheck(def, checks);
    case "record":
      return recordCheck(def);
    case "object":
      return objectCheck(def);
    case "union":
      return unionCheck(def);
    default:
      return never;
  }
}

function stringCheck(def: Def, checks: CheckDef[]): Check {
  let min = 0;
  let max = Infinity;
  for (const c of checks) {
    if (c.check === "min_length") min = Math.max(min, c.minimum as number);
    else if (c.check === "max_length") max = Math.min(max, c.maximum as number);
    else if (c.check !== "custom") return never;
  }
  if (def.format !== undefined && def.format !== "uuid") return never;
  const pattern = def.format === "uuid" ? (def.pattern as RegExp) : undefined;
  return (v) => typeof v === "string" && v.length >= min && v.length <= max && (pattern === undefined || pattern.test(v));
}

function numberCheck(checks: CheckDef[]): Check {
  let int = false;
  let low = -Infinity;
  let lowInclusive = true;
  let high = Infinity;
  let highInclusive = true;
  for (const c of checks) {
    if (c.check === "number_format" && c.format === "safeint") int = true;
    else if (c.check === "greater_than") [low, lowInclusive] = [c.value as number, c.inclusive as boolean];
    else if (c.check === "less_than") [high, highInclusive] = [c.value as number, c.inclusive as boolean];
    else if (c.check !== "custom") return never;
  }
  return (v) =>
    typeof v === "number" && Number.isFinite(v) && (!int || Number.isSafeInteger(v)) && (lowInclusive ? v >= low : v > low) && (highInclusive ? v <= high : v < high);
}

function arrayCheck(def: Def, checks: CheckDef[]): Check {
  let max = Infinity;
  for (const c of checks) {
    if (c.check === "max_length") max = c.maximum as number;
    else return never;
  }
  const element = compileCheck(def.element as z.ZodType);
  return (v) => {
    if (!Array.isArray(v) || v.length > max) return false;
    // An index loop, not every(): every() skips the holes of a sparse array, which zod reads as undefined.
    for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
    return true;
  };
}

function recordCheck(def: Def): Check {
  const key = compileCheck(def.keyType as z.ZodType);
  const value = compileCheck(def.valueType as z.ZodType);
  return (v) => {
    if (!isPlainObject(v)) return false;
    for (const k in v) if (!key(k) || !value(v[k])) return false;
    return true;
  };
}

function objectCheck(def: Def): Check {
  if (def.catchall !== undefined) return never;
  const entries = Object.entries(def.shape as Record<string, z.ZodType>).map(([k, s]) => [k, compileCheck(s)] as const);
  const known = new Set(entries.map(([k]) => k));
  return (v) => {
    if (!isPlainObject(v)) return false;
    // zod would strip an unknown key, so its output would differ from the value: ask zod.
    for (const k in v) if (!known.has(k)) return false;
    for (const [k, check] of entries) if (!check(v[k])) return false;
    return true;
  };
}

function unionCheck(def: Def): Check {
  const key = def.discriminator;
  if (typeof key !== "string") return never;
  const byValue = new Map<unknown, Check>();
  for (const option of def.options as z.ZodType[]) {
    const values = defOf((defOf(option).shape as Record<string, z.ZodType>)[key] as z.ZodType).values as unknown[] | undefined;
    if (!values) return never;
    const check = compileCheck(option);
    for (const value of values) byValue.set(value, check);
  }
  return (v) => {
    if (!isPlainObject(v)) return false;
    const check = byValue.get(v[key]);
    return check !== undefined && check(v);
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
