import { describe, expect, it } from "vitest";
import { limitSettings, QUERY_KINDS, QUERY_LIMITS, timeLimit } from "@/lib/store/query-limits";
import { limitExceeded, QueryLimitExceeded } from "@/lib/store/query-limit-error";
import { errorResponse } from "@/lib/http/errors";

describe("query limits", () => {
  it("gives every kind a time and a memory limit, sent as the query's own settings", () => {
    for (const kind of QUERY_KINDS) {
      const s = limitSettings(kind);
      expect(s.max_execution_time).toBeGreaterThan(0);
      expect(Number(s.max_memory_usage)).toBeGreaterThan(0);
      expect(s.timeout_overflow_mode).toBe("throw");
    }
  });

  it("lets a caller tighten the time limit, never loosen it", () => {
    expect(timeLimit("interactive", 2)).toBe(2);
    expect(timeLimit("interactive", 10_000)).toBe(QUERY_LIMITS.interactive.seconds);
    expect(timeLimit("interactive", 0)).toBe(1);
  });

  it("recognises the engine's over-limit codes and nothing else", () => {
    expect(limitExceeded({ code: "159" }, "export")?.limit).toBe("time");
    expect(limitExceeded({ code: "241" }, "export")?.limit).toBe("memory");
    expect(limitExceeded({ code: "60" }, "export")).toBeUndefined();
    expect(limitExceeded(new Error("x"), "export")).toBeUndefined();
  });

  it("answers an over-limit query with a 503 that names the limit and what to do", async () => {
    const res = errorResponse(new QueryLimitExceeded("interactive", "time", 20));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: "the query exceeded its 20 s time limit; narrow the period or the filters" });
  });
});
