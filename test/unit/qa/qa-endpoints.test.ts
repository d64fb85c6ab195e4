import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

/** The QA endpoints' gates, before any store work: capabilities per role and 400s that name the field. */

let signedIn: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => signedIn }));
vi.mock("@/lib/store/client", () => ({ getClickHouse: async () => ({}) }));

const { handle } = await import("@/lib/api/handle");
const { createQaEvaluation } = await import("@/lib/api/endpoints/qa-evaluations");
const { createQaScorecard } = await import("@/lib/api/endpoints/qa-scorecards");
const { qaDashboard, qaSampling } = await import("@/lib/api/endpoints/qa-work");

const noRoute = { params: Promise.resolve({}) };
async function call(h: ReturnType<typeof handle>, url: string, init?: ConstructorParameters<typeof NextRequest>[1]) {
  const res = await h(new NextRequest(`http://localhost${url}`, init), noRoute);
  return { status: res.status, body: (await res.json()) as { error?: string } };
}
const post = (body: unknown) => ({ method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

beforeEach(() => {
  signedIn = null;
});

describe("QA endpoints", () => {
  it("let managers read the dashboard but not evaluate, and only admins build forms", async () => {
    signedIn = { id: "m", name: "M", role: "manager" };
    expect((await call(handle(createQaEvaluation), "/api/qa/evaluations", post({ callId: "c" }))).status).toBe(403);
    expect((await call(handle(qaDashboard), "/api/qa/dashboard?from=junk")).status).toBe(400);
    signedIn = { id: "q", name: "Q", role: "qa" };
    expect((await call(handle(createQaScorecard), "/api/qa/scorecards", post({}))).status).toBe(403);
  });

  it("answer 400 naming what is wrong", async () => {
    signedIn = { id: "a", name: "A", role: "admin" };
    const card = await call(
      handle(createQaScorecard),
      "/api/qa/scorecards",
      post({ name: "F", sections: [{ id: "s", title: "S", questions: [{ id: "q", text: "Q", type: "scale", min: 1, max: 5, weight: 0 }] }] }),
    );
    expect(card).toEqual({ status: 400, body: { error: "sections.0.questions.0.weight: must be above 0" } });
    const evaluation = await call(handle(createQaEvaluation), "/api/qa/evaluations", post({ callId: "c", answers: { greet: "maybe" } }));
    expect(evaluation.status).toBe(400);
    expect(evaluation.body.error).toMatch(/^answers\.greet/);
    const rule = await call(handle(qaSampling), "/api/qa/sampling", post({ from: 2, to: 1, perAgent: 0, evaluators: [] }));
    expect(rule.status).toBe(400);
    expect(rule.body.error).toMatch(/perAgent: must be at least 1/);
    expect(rule.body.error).toMatch(/evaluators: name at least one evaluator/);
  });
});
