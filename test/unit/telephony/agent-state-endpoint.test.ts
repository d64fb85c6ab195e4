import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { AuditEntry } from "@/lib/audit/write-audit";
import type { AgentStateCommand } from "@/lib/telephony/commands";

/** POST /api/agents/{agentId}/state: who may, what a body must say, and what each platform answer becomes, with its audit row. */

let signedIn: SessionUser | null = null;
const audited: AuditEntry[] = [];
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => signedIn }));
vi.mock("@/lib/store/client", () => ({ getClickHouse: async () => ({}) }));
vi.mock("@/lib/audit/write-audit", () => ({ writeAudit: async (_ch: unknown, e: AuditEntry) => void audited.push(e) }));

const { handle } = await import("@/lib/api/handle");
const { setAgentStateEndpoint } = await import("@/lib/api/endpoints/agent-commands");
const { setTelephony } = await import("@/lib/telephony/registry");
const { NO_CAPABILITIES } = await import("@/lib/telephony/capabilities");
const { CommandFailed } = await import("@/lib/telephony/commands");

const route = (agentId: string) => ({ params: Promise.resolve({ agentId }) });
async function post(agentId: string, body: unknown) {
  const req = new NextRequest(`http://localhost/api/agents/${agentId}/state`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  const res = await handle(setAgentStateEndpoint)(req, route(agentId));
  return { status: res.status, body: (await res.json()) as { error?: string; code?: string; applied?: string } };
}

const received: AgentStateCommand[] = [];
function platform(answer: (c: AgentStateCommand, signal: AbortSignal) => Promise<{ applied: "now" | "after_call" }>) {
  setTelephony({
    name: "test-pbx",
    capabilities: { ...NO_CAPABILITIES, setAgentState: true },
    commands: {
      setAgentState: (c, signal) => {
        received.push(c);
        return answer(c, signal);
      },
    },
  });
}

const supervisor: SessionUser = { id: "s1", name: "Sam", role: "supervisor" };

beforeEach(() => {
  signedIn = supervisor;
  audited.length = 0;
  received.length = 0;
  setTelephony(undefined);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("POST /api/agents/{agentId}/state", () => {
  it("is for the monitor capability: managers and QA get 403, and the platform is never asked", async () => {
    platform(async () => ({ applied: "now" }));
    for (const role of ["manager", "qa"] as const) {
      signedIn = { id: role, name: role, role };
      expect((await post("agent-1", { state: "ready" })).status).toBe(403);
    }
    expect(received).toEqual([]);
  });

  it("answers 400 naming what is wrong with the body", async () => {
    platform(async () => ({ applied: "now" }));
    const noReason = await post("agent-1", { state: "not_ready" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatch(/reason/);
    expect((await post("agent-1", { state: "paused" })).status).toBe(400);
    expect((await post("agent-1", { state: "not_ready", reason: "a|b" })).body.error).toMatch(/letters, digits/);
    expect((await post("agent-1", { state: "ready", extra: 1 })).status).toBe(400);
    expect(received).toEqual([]);
  });

  it("passes the command to the platform and audits what it did", async () => {
    platform(async () => ({ applied: "after_call" }));
    const r = await post("agent-7", { state: "not_ready", reason: "  coaching " });
    expect([r.status, r.body]).toEqual([200, { applied: "after_call" }]);
    expect(received).toEqual([{ agentId: "agent-7", state: "not_ready", reason: "coaching" }]);
    expect(audited.map((a) => [a.action, a.target, a.actor.id, a.details])).toEqual([
      ["agent.state_set", "agent:agent-7", "s1", { state: "not_ready", reason: "coaching", platform: "test-pbx", applied: "after_call" }],
    ]);
  });

  it("says which typed error the platform gave, with its status, and audits the attempt", async () => {
    platform(async () => {
      throw new CommandFailed("not_logged_on", "Ann is not logged on");
    });
    const r = await post("agent-2", { state: "ready" });
    expect([r.status, r.body.code, r.body.error]).toEqual([409, "not_logged_on", "Ann is not logged on"]);
    expect(audited[0]?.details).toMatchObject({ failed: "not_logged_on" });
  });

  it("is 503 unsupported without a platform that can do it", async () => {
    const r = await post("agent-2", { state: "ready" });
    expect([r.status, r.body.code]).toEqual([503, "unsupported"]);
    expect(r.body.error).toMatch(/none/);
  });

  it("never hangs: a platform that does not answer is a timeout after the deadline, and is told to give up", async () => {
    vi.useFakeTimers();
    let aborted = false;
    platform(
      (_c, signal) =>
        new Promise(() => {
          signal.addEventListener("abort", () => (aborted = true));
        }),
    );
    const pending = post("agent-3", { state: "logged_out" });
    await vi.advanceTimersByTimeAsync(5_000);
    const r = await pending;
    expect([r.status, r.body.code, aborted]).toEqual([503, "timeout", true]);
  });

  it("turns any other failure into unreachable, with the cause", async () => {
    platform(async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:8088");
    });
    const r = await post("agent-3", { state: "ready" });
    expect([r.status, r.body.code]).toEqual([503, "unreachable"]);
    expect(r.body.error).toMatch(/ECONNREFUSED/);
  });
});
