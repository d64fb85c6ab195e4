import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { ROLES, type Role } from "./roles";
import { hashPassword } from "./password";
import type { UserRecord } from "./users-file";
import { ensurePrivateDir, PRIVATE_FILE_MODE } from "../store/data-dir";

export type DemoSignIn = { username: string; password: string; role: Role };

/**
 * The demo's desk phones: the roles that monitor and call back get one, so that a "phone"
 * platform (FreeSWITCH) rings someone and "Call back myself" works out of the box.
 */
export const DEMO_EXTENSIONS: Partial<Record<Role, string>> = { supervisor: "2001", admin: "2002" };

export const demoUsersPath = (dataDir: string) => path.resolve(dataDir, "demo-users.json");
export const demoSignInsPath = (dataDir: string) => path.resolve(dataDir, "demo-sign-ins.json");

/** What ensureDemoUsers did: made the users now (their passwords, to print this once), or found them from an earlier start. */
export type DemoUsers = { created: true; signIns: DemoSignIn[] } | { created: false; signInsFile: string };

/**
 * One demo user per role, with passwords made once per data directory (never a
 * password shipped in the source). The plain sign-ins are kept beside the data,
 * readable by the owner only; the caller prints them when they are made, and only
 * where they are kept on later starts, so passwords do not pile up in logs.
 */
export async function ensureDemoUsers(dataDir: string): Promise<DemoUsers> {
  const signInsFile = demoSignInsPath(dataDir);
  if (fs.existsSync(signInsFile) && fs.existsSync(demoUsersPath(dataDir))) {
    // Made by a version that left them readable to others: owner only now.
    for (const f of [signInsFile, demoUsersPath(dataDir)]) fs.chmodSync(f, PRIVATE_FILE_MODE);
    return { created: false, signInsFile };
  }
  ensurePrivateDir(dataDir);
  const signIns: DemoSignIn[] = ROLES.map((role) => ({ username: role, password: `${role}-${randomBytes(4).toString("hex")}`, role }));
  const users: UserRecord[] = await Promise.all(
    signIns.map(async (s) => ({
      username: s.username,
      name: `Demo ${s.role[0]?.toUpperCase()}${s.role.slice(1)}`,
      role: s.role,
      ...(DEMO_EXTENSIONS[s.role] ? { extension: DEMO_EXTENSIONS[s.role] } : {}),
      passwordHash: await hashPassword(s.password),
    })),
  );
  fs.writeFileSync(demoUsersPath(dataDir), JSON.stringify({ users }, null, 2), { mode: PRIVATE_FILE_MODE });
  fs.writeFileSync(signInsFile, JSON.stringify(signIns, null, 2), { mode: PRIVATE_FILE_MODE });
  return { created: true, signIns };
}
