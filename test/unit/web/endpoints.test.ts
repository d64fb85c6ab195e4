import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

/**
 * The endpoint declarations and the one handler built from them: the documented
 * statuses (401 signed out, 403 wrong role, 400 for an unknown parameter or a bad
 * value, each naming the parameter), and that every declaration is served by its
 * route file and round-trips a browser request through the query string.
 */

let signedIn: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => signedIn }));
// No test here reaches the store; the one that reaches run() needs a client object, not an engine.
vi.mock("@/lib/store/client", () => ({ getClickHouse: async () => ({}) }));

const { handle } = await import("@/lib/api/handle");
const { ENDPOINTS } = await import("@/lib/api/endpoints");
const { kpiSummary, kpiAgentTimeline } = await import("@/lib/api/endpoints/kpi");
const { updateDefinition } = await import("@/lib/api/endpoints/definitions");
const { parseParams } = await import("@/lib/api/parse-request");
const { toSearchParams } = await import("@/lib/api/search-params");
const { defineEndpoint } = await import("@/lib/api/endpoint");
const { z } = await import("zod");

const from = Date.UTC(2026, 0, 5);
const to = from + 86_400_000;
const noRoute = { params: Promise.resolve({}) };

async function call(h: ReturnType<typeof handle>, url: string, init?: ConstructorParameters<typeof NextRequest>[1], route = noRoute) {
  const res = await h(new NextRequest(`http://localhost${url}`, init), route);
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

beforeEach(() => {
  signedIn = null;
});

describe("a declared endpoint's handler", () => {
  const summary = handle(kpiSummary);

  it("answers a caller who left with a bare 499 and logs nothing (its reads were cancelled, no fault of ours)", async () => {
    signedIn = { id: "m", name: "Manager", role: "manager" };
    const client = new AbortController();
    const leaves = defineEndpoint({
      method: "GET",
      path: "/api/test/leaves",
      capability: "dashboards",
      scope: { unscoped: "a test endpoint that reads nothing" },
      params: z.object({}),
      run: async () => {
        client.abort();
        throw new Error("the read was cancelled");
      },
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await handle(leaves)(new NextRequest("http://localhost/api/test/leaves", { signal: client.signal }), noRoute);
    expect(res.status).toBe(499);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it("answers 401 to a signed-out caller before judging any parameter", async () => {
    expect(await call(summary, "/api/kpi/summary?from=junk")).toEqual({ status: 401, body: { error: "sign in first" } });
  });

  it("answers 403 to a role without the capability, before judging any parameter", async () => {
    signedIn = { id: "q", name: "QA", role: "qa" };
    const res = await call(handle(kpiAgentTimeline), "/api/kpi/agent-timeline?from=junk");
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/dashboards/);
  });

  it("answers 400 naming an unknown parameter", async () => {
    signedIn = { id: "m", name: "Manager", role: "manager" };
    const res = await call(summary, `/api/kpi/summary?from=${from}&to=${to}&queeu=sales`);
    expect(res).toEqual({ status: 400, body: { error: "queeu: unknown parameter for /api/kpi/summary" } });
  });

  it("answers 400 naming a bad value and what is wrong with it", async () => {
    signedIn = { id: "m", name: "Manager", role: "manager" };
    const res = await call(summary, `/api/kpi/summary?from=${from}&to=${to}&variant=nope`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^variant: must be one of /);
  });

  it("answers 400 when a body is not JSON, showing the expected shape", async () => {
    signedIn = { id: "a", name: "Admin", role: "admin" };
    const res = await call(handle(updateDefinition), "/api/definitions/sales", { method: "PUT", body: "{nope" }, { params: Promise.resolve({ queueId: "sales" }) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^body must be JSON: \{"slThresholdS"/);
  });
});

describe("the declarations", () => {
  const root = path.resolve(import.meta.dirname, "..", "..", "..");

  it("are each served by their route file through handle()", () => {
    for (const e of ENDPOINTS) {
      const file = path.join(root, "app", e.path, "route.ts");
      expect(fs.existsSync(file), `${file} exists`).toBe(true);
      expect(fs.readFileSync(file, "utf8")).toMatch(new RegExp(`export const ${e.method} = handle\\(`));
    }
  });

  it("have unique method and path pairs", () => {
    const keys = ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("read back what a browser request encodes", () => {
    const req = { from, to, queue: ["b", "a"], team: ["t1"], variant: "answered_abandoned_within_over_offered" as const };
    expect(parseParams(kpiSummary, toSearchParams(req))).toEqual({ ...req });
    const timeline = { agent: "a1", from, to };
    expect(parseParams(kpiAgentTimeline, toSearchParams(timeline))).toEqual(timeline);
  });
});
