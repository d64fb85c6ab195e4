import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Conflict, Unavailable } from "@/lib/errors/domain-errors";
import { withKeyLock } from "@/lib/records/key-lock";
import { contentVersion, parseUsersFile, type UserRecord } from "../users-file";

/** How long a lock file may stand before it is taken for the leftover of a crashed writer. */
const STALE_LOCK_MS = 10_000;
const LOCK_TRIES = 20;

export type UsersFileEdit = { before: UserRecord[]; after: UserRecord[]; version: string };

function readCurrent(file: string): { users: UserRecord[]; version: string } {
  let content: string;
  try {
    content = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    content = "";
  }
  return { users: content === "" ? [] : parseUsersFile(file, content), version: contentVersion(content) };
}

/**
 * Applies an edit to the users file if it is still the version the admin saw
 * (`expectedVersion`, a hash of its content), else a Conflict. The new file is
 * written beside the old one (mode 0600) and renamed over it, so a reader sees the
 * old file or the new one, never half of either. A lock file (created exclusively)
 * keeps two web servers sharing the file from interleaving their read and write;
 * within one process the edits queue. `apply` runs before anything is written and
 * may throw (a domain error) to refuse; `beforeWrite` runs after the checks, just
 * before the rename (the audit row goes first, like every edited record's).
 */
export async function editUsersFile(
  file: string,
  expectedVersion: string,
  apply: (users: UserRecord[]) => UserRecord[],
  beforeWrite: (edit: Omit<UsersFileEdit, "version">) => Promise<void>,
): Promise<UsersFileEdit> {
  return withKeyLock(`users-file:${path.resolve(file)}`, () =>
    withLockFile(file, async () => {
      const current = readCurrent(file);
      if (current.version !== expectedVersion) {
        throw new Conflict("the users file has changed since you loaded it (another admin, or an edit by hand); reload and make your change again");
      }
      const after = apply(current.users);
      await beforeWrite({ before: current.users, after });
      const content = `${JSON.stringify({ users: after }, null, 2)}\n`;
      const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
      const fd = fs.openSync(tmp, "wx", 0o600);
      try {
        fs.writeFileSync(fd, content);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, file);
      return { before: current.users, after, version: contentVersion(content) };
    }),
  );
}

async function withLockFile<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  for (let i = 0; ; i++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx", mode: 0o600 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      if (Date.now() - lockTime(lock) > STALE_LOCK_MS) fs.rmSync(lock, { force: true });
      else if (i >= LOCK_TRIES) throw new Unavailable("the users file is being edited by another server; try again");
      else await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function lockTime(lock: string): number {
  try {
    return fs.statSync(lock).mtimeMs;
  } catch {
    return 0;
  }
}
