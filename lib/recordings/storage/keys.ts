import { createHash } from "node:crypto";

/**
 * Object keys for one recording's media. Ids come from platforms and may hold any
 * character, so the key carries a hash of tenant and recording, not the ids
 * themselves; the version keeps each stored, redacted or restored copy apart so a
 * reader of the previous row is never served half of a replacement.
 */
export function mediaKeys(tenantId: string, recordingId: string, version: number): { audio: string; peaks: string } {
  const h = createHash("sha256")
    .update(JSON.stringify([tenantId, recordingId]))
    .digest("hex");
  const base = `${h.slice(0, 2)}/${h.slice(2, 34)}`;
  return { audio: `${base}/audio-v${version}.webm`, peaks: `${base}/peaks-v${version}.json` };
}
