import { createHash } from "node:crypto";
import type { ObjectStore } from "@/lib/recordings/storage/object-store";
import { parseRange } from "./range";

export type ServedObject = { key: string; size: number; contentType: string; /** Names this exact content (recording, version, which object). */ tag: string };

/**
 * One stored object as an HTTP answer: 200 with all of it, 206 with the range
 * asked for (Content-Range), 416 for a range past the end, 304 for a repeat the
 * browser holds (If-None-Match, without a range). The body is the store's stream,
 * handed on as it arrives; nothing buffers the file. The ETag is a hash, so no key
 * or path reaches the browser. `isFirstRead` tells the caller whether this request
 * starts a playback (no range, or one from byte 0), which is what gets audited.
 */
/** Whether a request starts a playback (no range, or one from byte 0): what the audit log counts. */
export function startsPlayback(headers: Headers | undefined, size: number): boolean {
  const asked = parseRange(headers?.get("range"), size);
  return asked.kind === "whole" || (asked.kind === "range" && asked.range.start === 0);
}

export async function serveObject(
  store: ObjectStore,
  object: ServedObject,
  headers: Headers | undefined,
  o: { downloadName?: string } = {},
): Promise<{ response: Response; isFirstRead: boolean }> {
  const etag = `"${createHash("sha256").update(object.tag).digest("base64url").slice(0, 27)}"`;
  const base: Record<string, string> = {
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Content-Type": object.contentType,
    // The user's own copy only: a shared cache must not keep what a scope check let through.
    "Cache-Control": "private, no-cache",
    "X-Content-Type-Options": "nosniff",
    ...(o.downloadName ? { "Content-Disposition": `attachment; filename="${o.downloadName.replace(/[^A-Za-z0-9._-]/g, "_")}"` } : {}),
  };
  const ifRange = headers?.get("if-range");
  // A range is honoured only against the content it was computed for (RFC 9110 §13.1.5); otherwise the whole object.
  const rangeHeader = ifRange && ifRange !== etag ? null : headers?.get("range");
  const asked = parseRange(rangeHeader, object.size);
  if (asked.kind === "unsatisfiable") {
    return { response: new Response(null, { status: 416, headers: { ...base, "Content-Range": `bytes */${object.size}` } }), isFirstRead: false };
  }
  if (asked.kind === "whole") {
    if (headers?.get("if-none-match") === etag) return { response: new Response(null, { status: 304, headers: base }), isFirstRead: false };
    const body = object.size === 0 ? null : await store.get(object.key);
    return { response: new Response(body, { status: 200, headers: { ...base, "Content-Length": String(object.size) } }), isFirstRead: true };
  }
  const { start, end } = asked.range;
  const body = await store.get(object.key, asked.range);
  return {
    response: new Response(body, {
      status: 206,
      headers: { ...base, "Content-Length": String(end - start + 1), "Content-Range": `bytes ${start}-${end}/${object.size}` },
    }),
    isFirstRead: start === 0,
  };
}
