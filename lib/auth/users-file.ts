import fs from "node:fs";
import { z } from "zod";
import { roleSchema, type Role } from "./roles";
import { verifyPassword } from "./password";
import { scopeSchema, type Scope } from "./scope";

export const userRecordSchema = z.object({
  username: z.string().min(1).max(128),
  name: z.string().min(1).max(256),
  role: roleSchema,
  passwordHash: z.string().startsWith("scrypt$"),
  scope: scopeSchema.optional(),
});
export const usersFileSchema = z.object({ users: z.array(userRecordSchema) });
export type UserRecord = z.infer<typeof userRecordSchema>;
export type AuthenticatedUser = { id: string; name: string; role: Role; scope?: Scope };

let cache: { path: string; mtimeMs: number; users: UserRecord[] } | undefined;

/** Reads the users file, re-reading it when it changes so edits need no restart. */
export function readUsersFile(path: string): UserRecord[] {
  const stat = fs.statSync(path);
  if (cache && cache.path === path && cache.mtimeMs === stat.mtimeMs) return cache.users;
  const parsed = usersFileSchema.safeParse(JSON.parse(fs.readFileSync(path, "utf8")));
  if (!parsed.success) {
    throw new Error(`users file ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  cache = { path, mtimeMs: stat.mtimeMs, users: parsed.data.users };
  return parsed.data.users;
}

export async function authenticate(path: string, username: string, password: string): Promise<AuthenticatedUser | null> {
  const user = readUsersFile(path).find((u) => u.username === username);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  return user && ok ? { id: user.username, name: user.name, role: user.role, ...(user.scope ? { scope: user.scope } : {}) } : null;
}

const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
