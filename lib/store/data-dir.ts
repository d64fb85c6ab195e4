import fs from "node:fs";
import path from "node:path";

/**
 * DATA_DIR holds the store's files, the session-signing secret, the operator SQL
 * socket and the demo sign-ins: owner only. The directory is 0700 and everything in it
 * 0600 (directories 0700), made that way by a umask of 077 in every process that
 * writes there (chDB creates its files itself, so an explicit mode per file could
 * not cover them), and an existing directory from before is put right at start.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** New files and directories of this process: owner only. Not possible in a worker thread, where it is left as it is. */
export function restrictNewFiles(): void {
  try {
    process.umask(0o077);
  } catch {
    // Worker threads may not change the umask; the explicit modes below still hold for our own files.
  }
}

/** The directory, made if missing, owner only. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes DATA_DIR private for good: the umask for what comes, the directory 0700, and,
 * when it was open to others (a data directory from before this rule), everything
 * under it stripped of group and other permissions. Returns how many entries it fixed.
 */
export function secureDataDir(dir: string): number {
  restrictNewFiles();
  const before = fs.existsSync(dir) ? fs.statSync(dir).mode & 0o777 : PRIVATE_DIR_MODE;
  ensurePrivateDir(dir);
  return (before & 0o077) === 0 ? 0 : stripOthers(dir);
}

function stripOthers(dir: string): number {
  let fixed = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    // A link's target may lie outside the data directory: not ours to change.
    if (entry.isSymbolicLink()) continue;
    const mode = fs.lstatSync(p).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      fs.chmodSync(p, mode & 0o700);
      fixed += 1;
    }
    if (entry.isDirectory()) fixed += stripOthers(p);
  }
  return fixed;
}
