import { createHash } from "node:crypto";
import type { ObjectStore } from "@/lib/recordings/storage/object-store";
import { parseRange, type RangeRequest } from "./range";

export type ServedObject = { key: string; size: number; contentType: string; /** Names this exact content (recording, version, which object). */ tag: string };

type Asked = RangeRequest | { kind: "not_modified" };

const etagOf = (tag: string) => `"${createHash("sha256").update(tag).digest("base64url").slice(0, 27)}"`;

/** What a request will be answered with: decided once, for the answer (serveObject) and for the audit (sendsBytes). */
function readAsked(object: Pick<ServedObject, "size" | "tag">, headers: Headers | undefined): Asked {
  const etag = etagOf(object.tag);
  const ifRange = headers?.get("if-range");
  // A range is honoured only against the content it was computed for (RFC 9110 §13.1.5); otherwise the whole object.
  const rangeHeader = ifRange && ifRange !== etag ? null : headers?.get("range");
  const asked = parseRange(rangeHeader, object.size);
  // A repeat the browser holds: nothing is sent.
  if (asked.kind === "whole" && headers?.get("if-none-match") === etag) return { kind: "not_modified" };
  return asked;
}

/** Whether the answer sends any bytes (not a 304, not a 416). */
export function sendsBytes(object: Pick<ServedObject, "size" | "tag">, headers: Headers | undefined): boolean {
  const asked = readAsked(object, headers);
  return asked.kind === "whole" || asked.kind === "range";
}

/**
 * One stored object as an HTTP answer: 200 with all of it, 206 with the range
 * asked for (Content-Range), 416 for a range past the end, 304 for a repeat the
 * browser holds (If-None-Match, without a range). The body is the store's stream,
 * handed on as it arrives; nothing buffers the file. The ETag is a hash, so no key
 * or path reaches the browser. Whether it sends any of the object's bytes, which
 * is what an audit of reading it counts, is sendsBytes.
 */
export async function serveObject(
  store: ObjectStore,
  object: ServedObject,
  headers: Headers | undefined,
  o: { downloadName?: string; /** The request's: a listener who goes away ends the store's read. */ signal?: AbortSignal } = {},
): Promise<Response> {
  const base: Record<string, string> = {
    "Accept-Ranges": "bytes",
    ETag: etagOf(object.tag),
    "Content-Type": object.contentType,
    // The user's own copy only: a shared cache must not keep what a scope check let through.
    "Cache-Control": "private, no-cache",
    "X-Content-Type-Options": "nosniff",
    ...(o.downloadName ? { "Content-Disposition": `attachment; filename="${o.downloadName.replace(/[^A-Za-z0-9._-]/g, "_")}"` } : {}),
  };
  const asked = readAsked(object, headers);
  if (asked.kind === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...base, "Content-Range": `bytes */${object.size}` } });
  }
  if (asked.kind === "not_modified") return new Response(null, { status: 304, headers: base });
  if (asked.kind === "whole") {
    const body = object.size === 0 ? null : await store.get(object.key, undefined, o.signal);
    return new Response(body, { status: 200, headers: { ...base, "Content-Length": String(object.size) } });
  }
  const { start, end } = asked.range;
  const body = await store.get(object.key, asked.range, o.signal);
  return new Response(body, {
    status: 206,
    headers: { ...base, "Content-Length": String(end - start + 1), "Content-Range": `bytes ${start}-${end}/${object.size}` },
  });
}
