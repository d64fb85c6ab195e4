import { ctiEventSchema, EVENT_TYPES, SPEC_VERSION, type CtiEvent } from "@/lib/events";
import { compileCheck } from "@/lib/events/compile-check";

/** Why a message was refused; stored with the dead letter so an operator can act on it. */
export type RejectReason =
  "oversized" | "invalid_utf8" | "malformed_json" | "not_an_object" | "unsupported_spec_version" | "unknown_type" | "schema_violation" | "future_time";

export type Decoded = { ok: true; event: CtiEvent } | { ok: false; reason: RejectReason; detail: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const eventTypes = new Set<string>(EVENT_TYPES);
/** Yes only where zod would accept the value as it is; see compile-check.ts. About five times cheaper than zod. */
export const isValidAsIs = compileCheck(ctiEventSchema);

/** bytes -> validated event, or the reason it is not one. Pure; never throws. */
export function decodeBytes(bytes: Uint8Array, maxBytes: number): Decoded {
  const parsed = parseBytes(bytes, maxBytes);
  return parsed.ok ? validate(parsed.value) : parsed;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; reason: RejectReason; detail: string };

/** bytes -> a JSON value, not yet validated (split from validation so the store can look up while this thread validates). */
export function parseBytes(bytes: Uint8Array, maxBytes: number): Parsed {
  if (bytes.byteLength > maxBytes) {
    return { ok: false, reason: "oversized", detail: `${bytes.byteLength} bytes exceeds the limit of ${maxBytes}` };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: "invalid_utf8", detail: "payload is not valid UTF-8" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // V8 quotes about ten characters either side of the fault ('Unexpected token 'y', ..."is 4111 1111"... is not valid
    // JSON'): they may be digits of a card number read aloud. The bytes are in the dead letter (card data masked), so the
    // message keeps only what went wrong.
    return { ok: false, reason: "malformed_json", detail: (e as Error).message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, " (not valid JSON)") };
  }
  // Valid UTF-8 can still spell text that is not Unicode: JSON's "\udcff" escape of half a surrogate pair.
  // Only a payload with such an escape is walked, so the common case costs one search.
  if (SURROGATE_ESCAPE.test(text) && hasLoneSurrogate(value)) {
    return { ok: false, reason: "invalid_utf8", detail: "a string holds an unpaired surrogate (\\ud800-\\udfff escape), which is not Unicode text" };
  }
  return { ok: true, value };
}

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === "string") return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value !== null && typeof value === "object") return Object.entries(value).some(([k, v]) => LONE_SURROGATE.test(k) || hasLoneSurrogate(v));
  return false;
}

/** An already-parsed value (from an in-process producer) -> validated event. */
export function validate(value: unknown): Decoded {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: "not_an_object", detail: `expected a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}` };
  }
  const record = value as Record<string, unknown>;
  if (record.specVersion !== SPEC_VERSION) {
    return { ok: false, reason: "unsupported_spec_version", detail: `specVersion ${JSON.stringify(record.specVersion)} is not ${SPEC_VERSION}` };
  }
  if (typeof record.type !== "string" || !eventTypes.has(record.type)) {
    return { ok: false, reason: "unknown_type", detail: `type ${JSON.stringify(record.type)} is not a known event type` };
  }
  // The hot path: most events are valid and need nothing stripped, so the value is the event.
  if (isValidAsIs(value)) return { ok: true, event: value as CtiEvent };
  const result = ctiEventSchema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    return { ok: false, reason: "schema_violation", detail };
  }
  return { ok: true, event: result.data };
}
