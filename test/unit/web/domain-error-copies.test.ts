import { describe, expect, it, vi } from "vitest";

/**
 * Code in the custom server (adapters, the live floor) loads its own copy of
 * lib/errors/domain-errors beside the one in Next's bundle where routes answer. An
 * error thrown from one copy must answer with its kind's status in the other; two
 * copies are made here as two bundles make them, by loading the module twice.
 */
describe("any domain error from another copy of its module", () => {
  it("answers with its kind's status and words, not a 500", async () => {
    const { errorResponse } = await import("@/lib/http/errors");
    const routes = await import("@/lib/errors/domain-errors");
    vi.resetModules();
    const other = await import("@/lib/errors/domain-errors");
    const notFound = new other.NotFound("queue billing");
    expect(notFound instanceof routes.DomainError).toBe(false);
    const responses = [errorResponse(notFound), errorResponse(new other.Conflict("the queue was changed meanwhile", 7)), errorResponse(new other.Gone("deleted"))];
    expect(responses.map((r) => r.status)).toEqual([404, 409, 410]);
    expect(await Promise.all(responses.map((r) => r.json()))).toEqual([
      { error: "queue billing not found" },
      { error: "the queue was changed meanwhile", currentVersion: 7 },
      { error: "deleted" },
    ]);
  });
});
