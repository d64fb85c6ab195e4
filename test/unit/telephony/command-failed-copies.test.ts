import { describe, expect, it, vi } from "vitest";

/**
 * The platform adapters run in the custom server's copy of lib/telephony/commands and the
 * route handlers in Next's bundle, which loads its own. A refusal thrown by one copy must
 * keep its code and words when the other copy handles it, not become "could not be reached".
 * Two copies are made here the way two bundles make them: the module loaded twice.
 */
async function twoCopies() {
  const route = await import("@/lib/telephony/commands");
  vi.resetModules();
  const adapter = await import("@/lib/telephony/commands");
  return { route, adapter };
}

describe("a command's failure from another copy of the module", () => {
  it("is a distinct class there, as two bundles make it", async () => {
    const { route, adapter } = await twoCopies();
    expect(new adapter.CommandFailed("busy", "x") instanceof route.CommandFailed).toBe(false);
  });

  it("is still recognised, so a busy floor is a refusal with its own words, not an unreachable platform", async () => {
    const { route, adapter } = await twoCopies();
    const refusal = new adapter.CommandFailed("busy", "no agent of Billing is ready to call back now");
    expect(route.isCommandFailed(refusal)).toBe(true);
    expect(route.isCommandFailed(new Error("socket hang up"))).toBe(false);
    await expect(route.withDeadline(() => Promise.reject(refusal), 5_000, "placing a callback")).rejects.toMatchObject({
      code: "busy",
      kind: "conflict",
      message: "no agent of Billing is ready to call back now",
    });
    await expect(route.withDeadline(() => Promise.reject(new Error("socket hang up")), 5_000, "placing a callback")).rejects.toMatchObject({
      code: "unreachable",
      message: "the platform could not be reached for placing a callback: socket hang up",
    });
  });

  it("answers with its own status and code", async () => {
    const { errorResponse } = await import("@/lib/http/errors");
    vi.resetModules();
    const adapter = await import("@/lib/telephony/commands");
    const response = errorResponse(new adapter.CommandFailed("busy", "no agent of Sales is ready to call back now"));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: "no agent of Sales is ready to call back now", code: "busy" });
  });
});
