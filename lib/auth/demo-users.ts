import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { ROLES, type Role } from "./roles";
import { hashPassword } from "./password";
import type { UserRecord } from "./users-file";

export type DemoSignIn = { username: string; password: string; role: Role };

export const demoUsersPath = (dataDir: string) => path.resolve(dataDir, "demo-users.json");
export const demoSignInsPath = (dataDir: string) => path.resolve(dataDir, "demo-sign-ins.json");

/**
 * One demo user per role, with passwords made once per data directory (never a
 * password shipped in the source). The plain sign-ins are kept beside the data,
 * readable by the owner only, so they can be printed at every start.
 */
export async function ensureDemoUsers(dataDir: string): Promise<DemoSignIn[]> {
  const signInsFile = demoSignInsPath(dataDir);
  if (fs.existsSync(signInsFile) && fs.existsSync(demoUsersPath(dataDir))) {
    return JSON.parse(fs.readFileSync(signInsFile, "utf8")) as DemoSignIn[];
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const signIns: DemoSignIn[] = ROLES.map((role) => ({ username: role, password: `${role}-${randomBytes(4).toString("hex")}`, role }));
  const users: UserRecord[] = await Promise.all(
    signIns.map(async (s) => ({
      username: s.username,
      name: `Demo ${s.role[0]?.toUpperCase()}${s.role.slice(1)}`,
      role: s.role,
      passwordHash: await hashPassword(s.password),
    })),
  );
  fs.writeFileSync(demoUsersPath(dataDir), JSON.stringify({ users }, null, 2), { mode: 0o600 });
  fs.writeFileSync(signInsFile, JSON.stringify(signIns, null, 2), { mode: 0o600 });
  return signIns;
}
