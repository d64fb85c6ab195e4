import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ClickHouseClient } from "@clickhouse/client";
import { describe, expect, it } from "vitest";
import { SessionRegistry } from "@/lib/auth/sessions/registry";
import { authenticate, contentVersion, readUsersFile } from "@/lib/auth/users-file";
import { createUser, listUsers, removeUser, updateUser, type UsersContext } from "@/lib/auth/users-admin/edit-users";
import { Conflict } from "@/lib/errors/domain-errors";
import { newUserSchema, userChangeSchema } from "@/lib/auth/users-admin/user-edits-schema";
import { memorySessionStore } from "./memory-session-store";

/**
 * Admins' edits of the users file: checked against the version the admin saw,
 * written whole (mode 0600), audited with before and after but never a hash, and
 * heard by this process's open streams.
 */
const registry = new SessionRegistry({ store: memorySessionStore() });
(globalThis as Record<symbol, unknown>)[Symbol.for("cc-supervisor.session-registry")] = registry;

function setup() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "users-admin-")), "users.json");
  const content = JSON.stringify({ users: [{ username: "ada", name: "Ada", role: "admin", passwordHash: "scrypt$16384$8$1$AA==$AA==" }] });
  fs.writeFileSync(file, content, { mode: 0o600 });
  const audit: Record<string, unknown>[] = [];
  const ch = { insert: async ({ values }: { values: Record<string, unknown>[] }) => void audit.push(...values) } as unknown as ClickHouseClient;
  const ctx: UsersContext = { ch, tenantId: "t", actor: { id: "ada", name: "Ada", role: "admin" }, file };
  return { file, ctx, audit, version: contentVersion(content) };
}

describe("editing users", () => {
  it("creates a user who can then sign in, audited without the password or its hash", async () => {
    const { file, ctx, audit, version } = setup();
    const heard: unknown[] = [];
    const off = registry.onChange(() => heard.push(1));
    const r = await createUser(ctx, {
      expectedVersion: version,
      username: "sam",
      name: "Sam",
      role: "supervisor",
      scope: { teams: ["t1"], queues: [] },
      password: "a-long-password-1",
    });
    off();
    expect(r.changed).toBe(true);
    expect(r.version).toBe(contentVersion(fs.readFileSync(file, "utf8")));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await authenticate(file, "sam", "a-long-password-1")).toEqual({ id: "sam", name: "Sam", role: "supervisor", scope: { teams: ["t1"], queues: [] } });
    expect(audit).toHaveLength(1);
    const details = JSON.parse(String(audit[0]?.details)) as Record<string, unknown>;
    expect(details).toMatchObject({ before: null, after: { id: "sam", role: "supervisor", scope: { teams: ["t1"], queues: [] }, password: true }, passwordSet: true });
    expect(String(audit[0]?.details)).not.toMatch(/scrypt|a-long-password/);
    expect(audit[0]).toMatchObject({ action: "user.create", target: "user:sam", actor: "ada" });
    expect(heard).toHaveLength(1);
  });

  it("answers a conflict when the file changed since the admin loaded it, and writes nothing", async () => {
    const { file, ctx, audit, version } = setup();
    await createUser(ctx, { expectedVersion: version, username: "sam", name: "Sam", role: "qa" });
    const before = fs.readFileSync(file, "utf8");
    await expect(updateUser(ctx, "sam", { expectedVersion: version, role: "manager" })).rejects.toBeInstanceOf(Conflict);
    expect(fs.readFileSync(file, "utf8")).toBe(before);
    expect(audit).toHaveLength(1);
  });

  it("of two edits based on one version, lets exactly one through", async () => {
    const { ctx, version } = setup();
    const results = await Promise.allSettled([
      createUser(ctx, { expectedVersion: version, username: "one", name: "One", role: "qa" }),
      createUser(ctx, { expectedVersion: version, username: "two", name: "Two", role: "qa" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(readUsersFile(ctx.file).map((u) => u.username)).toHaveLength(2);
  });

  it("changes role, scope and disabled, and removes, each audited with before and after", async () => {
    const { ctx, audit, version } = setup();
    let v = (await createUser(ctx, { expectedVersion: version, username: "sam", name: "Sam", role: "qa", scope: { teams: ["t1"], queues: [] } })).version;
    v = (await updateUser(ctx, "sam", { expectedVersion: v, role: "manager", scope: null, disabled: true })).version;
    expect(listUsers(ctx.file).users.find((u) => u.id === "sam")).toEqual({
      id: "sam",
      name: "Sam",
      role: "manager",
      scope: null,
      extension: null,
      disabled: true,
      password: false,
    });
    const unchanged = await updateUser(ctx, "sam", { expectedVersion: v, role: "manager" });
    expect(unchanged.changed).toBe(false);
    await removeUser(ctx, "sam", unchanged.version);
    expect(listUsers(ctx.file).users.map((u) => u.id)).toEqual(["ada"]);
    expect(audit.map((a) => a.action)).toEqual(["user.create", "user.update", "user.remove"]);
    expect(JSON.parse(String(audit[1]?.details))).toMatchObject({
      before: { role: "qa", scope: { teams: ["t1"] } },
      after: { role: "manager", scope: null, disabled: true },
    });
    expect(JSON.parse(String(audit[2]?.details))).toMatchObject({ before: { id: "sam" }, after: null });
  });

  it("keeps a user's phone extension in the file, sets, changes and clears it (audited), and refuses one that could not be dialled", async () => {
    const { ctx, audit, version } = setup();
    let v = (await createUser(ctx, { expectedVersion: version, username: "sam", name: "Sam", role: "supervisor", extension: "2001" })).version;
    expect(readUsersFile(ctx.file).find((u) => u.username === "sam")?.extension).toBe("2001");
    v = (await updateUser(ctx, "sam", { expectedVersion: v, extension: "2002" })).version;
    expect(listUsers(ctx.file).users.find((u) => u.id === "sam")?.extension).toBe("2002");
    // Left out: kept; null: removed from the entry altogether.
    v = (await updateUser(ctx, "sam", { expectedVersion: v, name: "Samuel" })).version;
    expect(listUsers(ctx.file).users.find((u) => u.id === "sam")?.extension).toBe("2002");
    await updateUser(ctx, "sam", { expectedVersion: v, extension: null });
    expect(readUsersFile(ctx.file).find((u) => u.username === "sam")).not.toHaveProperty("extension");
    expect(JSON.parse(String(audit[1]?.details))).toMatchObject({ before: { extension: "2001" }, after: { extension: "2002" } });
    expect(JSON.parse(String(audit[3]?.details))).toMatchObject({ before: { extension: "2002" }, after: { extension: null } });
    // What goes on a PBX's dial string: letters, digits and _ . @ + - only (a space or & could add an application).
    expect(userChangeSchema.safeParse({ expectedVersion: "v", extension: "2001 &park()" }).error?.issues[0]?.message).toMatch(/a phone extension is 1 to 80 letters/);
    expect(newUserSchema.safeParse({ expectedVersion: "v", username: "x", name: "X", role: "qa", extension: "" }).success).toBe(false);
    expect(userChangeSchema.parse({ expectedVersion: "v", extension: " 2003 " }).extension).toBe("2003");
  });

  it("will not let an admin remove, disable or demote themselves", async () => {
    const { ctx, version } = setup();
    await expect(removeUser(ctx, "ada", version)).rejects.toThrow(/yourself/);
    await expect(updateUser(ctx, "ada", { expectedVersion: version, role: "qa" })).rejects.toThrow(/your own admin role/);
  });

  it("ends a user's sessions when they are disabled, given a new password or removed; a role change ends none", async () => {
    const { ctx, version } = setup();
    let v = (await createUser(ctx, { expectedVersion: version, username: "sam", name: "Sam", role: "qa", password: "a long enough password" })).version;
    const open = () => registry.open({ userId: "sam", provider: "credentials", name: "Sam", clientAddress: "", userAgent: "" });
    const live = async () => (await registry.listForUser("sam")).filter((r) => !r.revokedAt).length;
    await open();
    v = (await updateUser(ctx, "sam", { expectedVersion: v, role: "manager" })).version;
    expect(await live()).toBe(1);
    v = (await updateUser(ctx, "sam", { expectedVersion: v, disabled: true })).version;
    expect(await live()).toBe(0);
    v = (await updateUser(ctx, "sam", { expectedVersion: v, disabled: false })).version;
    expect(await live()).toBe(0);
    await open();
    v = (await updateUser(ctx, "sam", { expectedVersion: v, password: "another long password" })).version;
    expect(await live()).toBe(0);
    await open();
    await removeUser(ctx, "sam", v);
    expect(await live()).toBe(0);
  });
});
