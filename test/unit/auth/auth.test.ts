import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { authenticate, readUsersFile } from "@/lib/auth/users-file";
import { ensureDemoUsers, demoSignInsPath, demoUsersPath } from "@/lib/auth/demo-users";
import { can, ROLES } from "@/lib/auth/roles";

describe("passwords", () => {
  it("verifies the right password only, with a fresh salt each time", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("correct horse ", a)).toBe(false);
    expect(await verifyPassword("correct horse", "plain-text")).toBe(false);
  });
});

describe("users file and demo users", () => {
  it("makes one demo user per role whose printed passwords sign in", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-"));
    const made = await ensureDemoUsers(dir);
    if (!made.created) throw new Error("a fresh data directory must get new demo users");
    const signIns = made.signIns;
    expect(signIns.map((s) => s.role).sort()).toEqual([...ROLES].sort());
    for (const s of signIns) {
      expect(await authenticate(demoUsersPath(dir), s.username, s.password)).toMatchObject({ id: s.username, role: s.role });
      expect(await authenticate(demoUsersPath(dir), s.username, "wrong")).toBeNull();
    }
    expect(await authenticate(demoUsersPath(dir), "nobody", "x")).toBeNull();
    // The roles that monitor and call back have a desk phone, so a "phone" platform and "Call back myself" work in the demo.
    const phones = Object.fromEntries(readUsersFile(demoUsersPath(dir)).map((u) => [u.role, u.extension]));
    expect(phones).toEqual({ admin: "2002", supervisor: "2001", manager: undefined, qa: undefined });
    // A second start keeps the same sign-ins, and says where they are rather than handing out the passwords again.
    expect(await ensureDemoUsers(dir)).toEqual({ created: false, signInsFile: demoSignInsPath(dir) });
    expect(JSON.parse(fs.readFileSync(demoSignInsPath(dir), "utf8"))).toEqual(signIns);
  });

  it("reports a malformed users file clearly", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "auth-")), "users.json");
    fs.writeFileSync(file, JSON.stringify({ users: [{ username: "x", name: "X", role: "emperor", passwordHash: "scrypt$" }] }));
    await expect(authenticate(file, "x", "y")).rejects.toThrow(/users\.0\.role/);
  });
});

describe("roles", () => {
  it("lets every role see the overview and only admins administer", () => {
    for (const r of ROLES) expect(can(r, "overview")).toBe(true);
    expect(ROLES.filter((r) => can(r, "admin"))).toEqual(["admin"]);
    expect(can("qa", "dashboards")).toBe(false);
    expect(can("supervisor", "wallboard")).toBe(true);
    // Managers watch the floor but do not act on it.
    expect(can("manager", "wallboard")).toBe(true);
    expect(ROLES.filter((r) => can(r, "monitor"))).toEqual(["admin", "supervisor"]);
  });
});
