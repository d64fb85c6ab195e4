import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { secureDataDir } from "@/lib/store/data-dir";
import { ensureDemoUsers, demoSignInsPath, demoUsersPath } from "@/lib/auth/demo-users";
import { authSecret } from "@/lib/auth/secret";
import { parseEnv } from "@/lib/env";
import { printSignIns } from "@/server/sign-ins";

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe("DATA_DIR is the owner's only", () => {
  let umask: number;
  let root: string;
  beforeEach(() => {
    // A permissive umask, as a shell usually has, so the test sees what the code itself does.
    umask = process.umask(0o022);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "datadir-"));
  });
  afterEach(() => process.umask(umask));

  it("makes a new data directory 0700 and the secret and sign-in files 0600", async () => {
    const dir = path.join(root, "data");
    secureDataDir(dir);
    const env = parseEnv({ DATA_DIR: dir });
    authSecret(env);
    await ensureDemoUsers(dir);
    // What the store engine (or anything else in the process) writes afterwards is private too.
    fs.mkdirSync(path.join(dir, "chdb", "store"), { recursive: true });
    fs.writeFileSync(path.join(dir, "chdb", "store", "part.bin"), "x");
    expect(mode(dir)).toBe(0o700);
    for (const f of [path.join(dir, ".auth-secret"), demoUsersPath(dir), demoSignInsPath(dir), path.join(dir, "chdb", "store", "part.bin")]) {
      expect([f, mode(f)]).toEqual([f, 0o600]);
    }
    expect(mode(path.join(dir, "chdb", "store"))).toBe(0o700);
  });

  it("fixes an existing world-readable data directory at start, not following links out of it", () => {
    const dir = path.join(root, "old");
    fs.mkdirSync(path.join(dir, "chdb", "metadata"), { recursive: true, mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, "demo-sign-ins.json"), "[]", { mode: 0o644 });
    fs.writeFileSync(path.join(dir, "chdb", "metadata", "t.sql"), "x", { mode: 0o664 });
    const outside = path.join(root, "outside.txt");
    fs.writeFileSync(outside, "x", { mode: 0o644 });
    fs.symlinkSync(outside, path.join(dir, "link"));
    expect(secureDataDir(dir)).toBe(4);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, "chdb"))).toBe(0o700);
    expect(mode(path.join(dir, "chdb", "metadata"))).toBe(0o700);
    expect(mode(path.join(dir, "demo-sign-ins.json"))).toBe(0o600);
    expect(mode(path.join(dir, "chdb", "metadata", "t.sql"))).toBe(0o600);
    expect(mode(outside)).toBe(0o644);
    // Once private, a later start has nothing to fix.
    expect(secureDataDir(dir)).toBe(0);
  });
});

describe("demo sign-ins", () => {
  it("prints the passwords on the start that made them, and only where they are after that", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-"));
    const env = parseEnv({ DATA_DIR: dir });
    const first: string[] = [];
    const made = await ensureDemoUsers(dir);
    printSignIns(made, env, (l) => first.push(l));
    if (!made.created) throw new Error("expected new demo users");
    for (const s of made.signIns) expect(first.join("\n")).toContain(s.password);

    const later: string[] = [];
    printSignIns(await ensureDemoUsers(dir), env, (l) => later.push(l));
    for (const s of made.signIns) expect(later.join("\n")).not.toContain(s.password);
    expect(later.join("\n")).toContain(demoSignInsPath(dir));
  });
});
