import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Env } from "../env";
import { ensurePrivateDir } from "../store/data-dir";

/** NEXTAUTH_SECRET, or in demo mode a secret made once and kept in the data directory. */
export function authSecret(env: Env): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.resolve(env.DATA_DIR, ".auth-secret");
  if (!fs.existsSync(file)) {
    ensurePrivateDir(env.DATA_DIR);
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    } catch (e) {
      // Another module instance of this process made it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}
