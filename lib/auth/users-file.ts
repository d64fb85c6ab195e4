import fs from "node:fs";
import { createHash } from "node:crypto";
import { z } from "zod";
import { roleSchema, type Role } from "./roles";
import { scopeSchema, type Scope } from "./scope";
import { verifyPassword } from "./password";
import { extensionSchema } from "@/lib/telephony/plain-word";

/**
 * One entry of the users file. Without `passwordHash` the entry cannot sign in with
 * a password: it then only overrides the role and scope of the single sign-on user
 * with the same id (or, `disabled`, shuts them out).
 */
export const userRecordSchema = z.object({
  username: z.string().min(1).max(128),
  name: z.string().min(1).max(256),
  role: roleSchema,
  scope: scopeSchema.optional(),
  disabled: z.boolean().optional(),
  /** Their own phone, which the PBX rings for monitoring on a "phone" platform and for supervisor-first callbacks. */
  extension: extensionSchema.optional(),
  passwordHash: z.string().startsWith("scrypt$").optional(),
});
export const usersFileSchema = z.object({ users: z.array(userRecordSchema) });
export type UserRecord = z.infer<typeof userRecordSchema>;
export type AuthenticatedUser = { id: string; name: string; role: Role; scope?: Scope };

/** The file's users and its version: a hash of the bytes read, which an editor sends back to say what it saw. */
export type UsersFile = { users: UserRecord[]; version: string };

export const contentVersion = (content: string) => createHash("sha256").update(content).digest("hex").slice(0, 32);

let cache: { path: string; stamp: string; file: UsersFile } | undefined;

/**
 * Reads the users file, re-reading it when it changes so edits need no restart. The
 * stamp includes the inode: the app replaces the file by renaming a new one over it.
 * A file that does not exist yet holds no users (an OIDC deployment may start without one).
 */
export function readUsersFileVersioned(path: string): UsersFile {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { users: [], version: contentVersion("") };
    throw e;
  }
  const stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  if (cache && cache.path === path && cache.stamp === stamp) return cache.file;
  const content = fs.readFileSync(path, "utf8");
  const file = { users: parseUsersFile(path, content), version: contentVersion(content) };
  cache = { path, stamp, file };
  return file;
}

export function parseUsersFile(path: string, content: string): UserRecord[] {
  const parsed = usersFileSchema.safeParse(JSON.parse(content));
  if (!parsed.success) {
    throw new Error(`users file ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data.users;
}

export function readUsersFile(path: string): UserRecord[] {
  return readUsersFileVersioned(path).users;
}

export async function authenticate(path: string, username: string, password: string): Promise<AuthenticatedUser | null> {
  const user = readUsersFile(path).find((u) => u.username === username);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.passwordHash || user.disabled) return null;
  return { id: user.username, name: user.name, role: user.role, ...(user.scope ? { scope: user.scope } : {}) };
}

const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
