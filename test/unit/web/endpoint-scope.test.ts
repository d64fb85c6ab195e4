import { describe, expect, it } from "vitest";
import { z } from "zod";
import { contactInScope, queueInScope, scopeAccess, teamInScope, WHOLE_CENTRE } from "@/lib/auth/scope-access";
import { agentsToCheck, applyScope, checkBodyScope, type EndpointScope } from "@/lib/api/endpoint-scope";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { acceptedKeys } from "@/lib/api/accepted-keys";
import { Forbidden, OutOfScope } from "@/lib/errors/domain-errors";
import { errorResponse } from "@/lib/http/errors";
import type { Scope } from "@/lib/auth/scope";

/**
 * The scope step every declared endpoint runs before its lib call: request
 * parameters narrowed to the caller's scope, out-of-scope ids refused as a bare
 * "not found", and every declaration saying how scope applies to it.
 */

const scope = (teams: string[], queues: string[]): Scope => ({ teams, queues });
const period = { from: 1, to: 2 };
const PERIOD: EndpointScope = { queue: "queue", team: "team" };
const WITH_AGENTS: EndpointScope = { queue: "queue", team: "team", agent: "agent" };
const teamsOf = new Map([
  ["a-blue", "blue"],
  ["a-green", "green"],
  ["a-none", ""],
]);

function apply(s: Scope | undefined, decl: EndpointScope, params: Record<string, unknown>) {
  return applyScope(scopeAccess(s), decl, params, teamsOf);
}

describe("scopeAccess", () => {
  it("reads no scope as the whole centre", () => {
    expect(scopeAccess(undefined)).toEqual(WHOLE_CENTRE);
  });

  it("restricts each dimension whose list is not empty, and leaves the other open", () => {
    const a = scopeAccess(scope(["blue"], []));
    expect([teamInScope(a, "blue"), teamInScope(a, "green"), queueInScope(a, "sales"), queueInScope(a, null)]).toEqual([true, false, true, true]);
    const b = scopeAccess(scope([], ["sales"]));
    expect([queueInScope(b, "sales"), queueInScope(b, "support"), queueInScope(b, null), teamInScope(b, "green")]).toEqual([true, false, false, true]);
  });

  it("reads a scope naming nothing as nothing, not as the whole centre", () => {
    const a = scopeAccess(scope([], []));
    expect([queueInScope(a, "sales"), teamInScope(a, "blue")]).toEqual([false, false]);
  });

  it("never counts an agent without a known team as in a team scope", () => {
    const a = scopeAccess(scope(["blue"], []));
    expect([teamInScope(a, ""), teamInScope(a, null), teamInScope(a, undefined)]).toEqual([false, false, false]);
  });

  it("takes a contact in scope when its queue is and the agent on it, if any, is in a scoped team", () => {
    const a = scopeAccess(scope(["blue"], ["sales"]));
    expect(contactInScope(a, { queueId: "sales", agent: null })).toBe(true);
    expect(contactInScope(a, { queueId: "sales", agent: { teamId: "blue" } })).toBe(true);
    expect(contactInScope(a, { queueId: "sales", agent: { teamId: "green" } })).toBe(false);
    expect(contactInScope(a, { queueId: "support", agent: { teamId: "blue" } })).toBe(false);
    expect(contactInScope(a, { queueId: null, agent: null })).toBe(false);
    expect(contactInScope(WHOLE_CENTRE, { queueId: null, agent: { teamId: null } })).toBe(true);
  });
});

describe("applyScope", () => {
  it("refuses an endpoint for the whole centre to any scoped caller, and lets an unscoped one through", () => {
    const declaration = { wholeCentre: "who sees what" };
    expect(() => applyScope(scopeAccess({ teams: ["t1"], queues: [] }), declaration, {}, new Map())).toThrow(Forbidden);
    expect(() => applyScope(scopeAccess({ teams: [], queues: [] }), declaration, {}, new Map())).toThrow(Forbidden);
    expect(applyScope(scopeAccess(undefined), declaration, { a: 1 }, new Map())).toEqual({ a: 1 });
  });

  it("leaves every request of an unscoped user as it is", () => {
    const p = { ...period, queue: [], team: ["x"], agent: ["nobody"] };
    expect(apply(undefined, WITH_AGENTS, p)).toEqual(p);
  });

  it("reads an empty queue list as all of the scope's queues, sorted", () => {
    expect(apply(scope([], ["sales", "billing"]), PERIOD, { ...period, queue: [], team: [] })).toEqual({ ...period, queue: ["billing", "sales"], team: [] });
  });

  it("reads an empty team list as all of the scope's teams, so queue figures keep to the teams' answered contacts", () => {
    expect(apply(scope(["green", "blue"], []), PERIOD, { ...period, queue: [], team: [] })).toEqual({ ...period, queue: [], team: ["blue", "green"] });
  });

  it("narrows both dimensions when the scope names both", () => {
    expect(apply(scope(["blue"], ["sales"]), PERIOD, { ...period, queue: [], team: [] })).toEqual({ ...period, queue: ["sales"], team: ["blue"] });
  });

  it("keeps a filter that lies within the scope", () => {
    const s = scope(["blue", "green"], ["sales", "support"]);
    expect(apply(s, PERIOD, { ...period, queue: ["support"], team: ["green"] })).toEqual({ ...period, queue: ["support"], team: ["green"] });
  });

  it("refuses a queue outside the scope, even beside one inside it", () => {
    const s = scope([], ["sales"]);
    expect(() => apply(s, PERIOD, { ...period, queue: ["support"], team: [] })).toThrow(OutOfScope);
    expect(() => apply(s, PERIOD, { ...period, queue: ["sales", "support"], team: [] })).toThrow(OutOfScope);
  });

  it("refuses a team outside the scope", () => {
    expect(() => apply(scope(["blue"], []), PERIOD, { ...period, queue: [], team: ["green"] })).toThrow(OutOfScope);
  });

  it("leaves a dimension the scope does not restrict open to any filter", () => {
    expect(apply(scope(["blue"], []), PERIOD, { ...period, queue: ["anything"], team: [] })).toEqual({ ...period, queue: ["anything"], team: ["blue"] });
    expect(apply(scope([], ["sales"]), PERIOD, { ...period, queue: [], team: ["anything"] })).toEqual({ ...period, queue: ["sales"], team: ["anything"] });
  });

  it("checks one id in a path parameter", () => {
    const decl: EndpointScope = { queue: "queueId" };
    expect(apply(scope([], ["sales"]), decl, { queueId: "sales" })).toEqual({ queueId: "sales" });
    expect(() => apply(scope([], ["sales"]), decl, { queueId: "support" })).toThrow(OutOfScope);
    expect(apply(scope(["blue"], []), decl, { queueId: "support" })).toEqual({ queueId: "support" });
  });

  it("refuses an agent whose team is outside a team scope, or who has no known team", () => {
    const s = scope(["blue"], []);
    expect(apply(s, WITH_AGENTS, { ...period, queue: [], team: [], agent: ["a-blue"] })).toEqual({ ...period, queue: [], team: ["blue"], agent: ["a-blue"] });
    expect(() => apply(s, WITH_AGENTS, { ...period, queue: [], team: [], agent: ["a-blue", "a-green"] })).toThrow(OutOfScope);
    expect(() => apply(s, WITH_AGENTS, { ...period, queue: [], team: [], agent: ["a-none"] })).toThrow(OutOfScope);
    expect(() => apply(s, WITH_AGENTS, { ...period, queue: [], team: [], agent: ["a-unknown"] })).toThrow(OutOfScope);
    expect(() => apply(s, { agent: "agent" }, { agent: "a-green", ...period })).toThrow(OutOfScope);
    expect(apply(s, { agent: "agent" }, { agent: "a-blue", ...period })).toEqual({ agent: "a-blue", ...period });
  });

  it("lets any agent through a queue-only scope (agents are restricted by teams)", () => {
    expect(apply(scope([], ["sales"]), { agent: "agent" }, { agent: "a-green", ...period })).toEqual({ agent: "a-green", ...period });
  });

  it("asks for the agents' teams only when a team scope meets an agent parameter", () => {
    expect(agentsToCheck(scopeAccess(undefined), WITH_AGENTS, { agent: ["x"] })).toEqual([]);
    expect(agentsToCheck(scopeAccess(scope([], ["sales"])), WITH_AGENTS, { agent: ["x"] })).toEqual([]);
    expect(agentsToCheck(scopeAccess(scope(["blue"], [])), WITH_AGENTS, { agent: ["x", "y"] })).toEqual(["x", "y"]);
    expect(agentsToCheck(scopeAccess(scope(["blue"], [])), { agent: "agent" }, { agent: "x" })).toEqual(["x"]);
    expect(agentsToCheck(scopeAccess(scope(["blue"], [])), PERIOD, { agent: ["x"] })).toEqual([]);
  });

  it("refuses everything a scope naming nothing would otherwise widen to all", () => {
    const s = scope([], []);
    expect(() => apply(s, PERIOD, { ...period, queue: [], team: [] })).toThrow(OutOfScope);
    expect(() => apply(s, { team: "team" }, { team: [] })).toThrow(OutOfScope);
    expect(() => apply(s, { agent: "agent" }, { agent: "a-blue" })).toThrow(OutOfScope);
  });

  it("skips a declared parameter that a branch of a union schema does not have", () => {
    // The timeline export has an agent but no queue or team list.
    expect(apply(scope(["blue"], ["sales"]), WITH_AGENTS, { table: "timeline", agent: "a-blue", ...period })).toEqual({ table: "timeline", agent: "a-blue", ...period });
  });

  it("changes nothing for an unscoped declaration", () => {
    const p = { queue: ["support"] };
    expect(apply(scope(["blue"], ["sales"]), { unscoped: "no queue data" }, p)).toBe(p);
  });

  it("does not change the caller's parameters object", () => {
    const p = { ...period, queue: [] as string[], team: [] as string[] };
    apply(scope(["blue"], ["sales"]), PERIOD, p);
    expect(p).toEqual({ ...period, queue: [], team: [] });
  });

  it("treats a declared parameter holding something other than ids as a programming error", () => {
    expect(() => apply(scope(["blue"], []), PERIOD, { queue: [], team: 3 })).toThrow(/scope: parameter "team"/);
  });
});

describe("checkBodyScope", () => {
  const decl: EndpointScope = { bodyQueue: "queueId" };
  it("refuses a body naming a queue outside the scope, the default row included", () => {
    const a = scopeAccess(scope([], ["sales"]));
    expect(() => checkBodyScope(a, decl, { queueId: "sales" })).not.toThrow();
    expect(() => checkBodyScope(a, decl, { queueId: "support" })).toThrow(OutOfScope);
    expect(() => checkBodyScope(a, decl, { queueId: "*" })).toThrow(OutOfScope);
    expect(() => checkBodyScope(scopeAccess(scope(["blue"], [])), decl, { queueId: "*" })).not.toThrow();
  });
});

describe("an out-of-scope answer", () => {
  it("is a 404 that names nothing but 'not found'", async () => {
    const res = errorResponse(new OutOfScope());
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "not found" });
  });
});

describe("every declared endpoint", () => {
  const SCOPED_PARAMS: Record<string, "queue" | "team" | "agent"> = { queue: "queue", queueId: "queue", team: "team", agent: "agent" };

  it("names each queue, team and agent parameter its schema accepts in its scope declaration", () => {
    for (const e of ENDPOINTS) {
      const decl = e.scope as EndpointScope;
      const keys = new Set<string>();
      // Every branch of a union schema: select each by its discriminator value.
      const raws = unionBranchRaws(e.params);
      for (const raw of raws) for (const k of acceptedKeys(e.params, raw) ?? []) keys.add(k);
      for (const k of keys) {
        const kind = SCOPED_PARAMS[k];
        if (!kind) continue;
        expect("unscoped" in decl || "wholeCentre" in decl, `${e.method} ${e.path}: "${k}" holds ${kind} ids, so it cannot be unscoped`).toBe(false);
        if (!("unscoped" in decl) && !("wholeCentre" in decl)) expect(decl[kind], `${e.method} ${e.path}: scope.${kind}`).toBe(k);
      }
    }
  });

  it("says something: an unscoped one why, a scoped one what it narrows", () => {
    for (const e of ENDPOINTS) {
      const decl = e.scope as EndpointScope;
      if ("unscoped" in decl) expect(decl.unscoped.length, e.path).toBeGreaterThan(10);
      else expect(Object.keys(decl).length, e.path).toBeGreaterThan(0);
    }
  });
});

/** One raw request per branch of a discriminated union (selected by its literal), or one empty one. */
function unionBranchRaws(schema: z.ZodType): Record<string, unknown>[] {
  if (!(schema instanceof z.ZodDiscriminatedUnion)) return [{}];
  const key = schema._zod.def.discriminator;
  return (schema.options as z.ZodType[]).flatMap((o) => {
    const lit = o instanceof z.ZodObject ? o.shape[key] : undefined;
    return lit instanceof z.ZodLiteral ? [...lit.values].map((v) => ({ [key]: v })) : [];
  });
}
