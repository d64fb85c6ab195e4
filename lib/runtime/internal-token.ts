import fs from "node:fs";
import path from "node:path";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { ensurePrivateDir } from "../store/data-dir";

/**
 * A token for local operator tools (npm run ch) to reach the running server, which
 * holds the embedded store's lock. Whoever can read the data directory may use it:
 * that person could read the store's files anyway.
 */
export const internalTokenPath = (dataDir: string) => path.resolve(dataDir, ".internal-token");

export function ensureInternalToken(dataDir: string): string {
  const file = internalTokenPath(dataDir);
  if (!fs.existsSync(file)) {
    ensurePrivateDir(dataDir);
    fs.writeFileSync(file, randomBytes(24).toString("hex"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

export function checkInternalToken(dataDir: string, presented: string | null): boolean {
  if (!presented) return false;
  const expected = Buffer.from(ensureInternalToken(dataDir));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
