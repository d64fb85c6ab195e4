import { describe, expect, it } from "vitest";
import { ariFailure, ariUnreachable } from "@/ingest/asterisk/ari-errors";
import { ariTime } from "@/ingest/asterisk/ari-types";
import { CommandFailed } from "@/lib/telephony/commands";

describe("ARI answers in the product's words", () => {
  const ctx = { what: "snooping on channel 1733.42" };

  it("401 and 403 are not_permitted, and a 401 says where the credentials live", () => {
    const e = ariFailure(401, '{"message":"Authentication required"}', ctx);
    expect(e).toBeInstanceOf(CommandFailed);
    expect([e.code, e.kind]).toEqual(["not_permitted", "forbidden"]);
    expect(e.message).toBe("Asterisk answered 401 (Authentication required) when snooping on channel 1733.42: check ARI_USER / ARI_PASSWORD and ari.conf");
    expect(ariFailure(403, "", ctx).code).toBe("not_permitted");
  });

  it("404 is call_ended unless the request gives it another meaning", () => {
    expect(ariFailure(404, '{"message":"Provided channel was not found"}', ctx)).toMatchObject({
      code: "call_ended",
      message: "Asterisk answered 404 (Provided channel was not found) when snooping on channel 1733.42",
    });
    expect(ariFailure(404, "", { what: "x", codes: { 404: "no_such_call" } }).code).toBe("no_such_call");
    expect(ariFailure(400, '{"message":"Channel not found"}', { what: "x", codes: { 400: "call_ended" } }).code).toBe("call_ended");
  });

  it("any other refusal is unreachable with Asterisk's message, or the body as it came when it is not ARI's JSON", () => {
    expect(ariFailure(400, '{"message":"Invalid direction specified for whisper"}', ctx)).toMatchObject({ code: "unreachable", kind: "unavailable" });
    expect(ariFailure(422, '{"message":"Channel not in Stasis application"}', ctx).message).toContain("(Channel not in Stasis application)");
    expect(ariFailure(500, "  <html>oops</html>\n", ctx).message).toBe("Asterisk answered 500 (<html>oops</html>) when snooping on channel 1733.42");
  });

  it("a request that got no answer is unreachable with its cause; one given up on is a timeout", () => {
    const refused = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:8088") });
    expect(ariUnreachable(refused, ctx)).toMatchObject({
      code: "unreachable",
      message: "Asterisk could not be reached when snooping on channel 1733.42: fetch failed: connect ECONNREFUSED 127.0.0.1:8088",
    });
    const aborted = new DOMException("This operation was aborted", "AbortError");
    expect(ariUnreachable(aborted, ctx).code).toBe("timeout");
  });
});

describe("ARI timestamps", () => {
  it("reads Asterisk's +0000 offsets, milliseconds included", () => {
    expect(ariTime("2026-12-07T07:41:17.469+0000")).toBe(Date.UTC(2026, 11, 7, 7, 41, 17, 469));
    expect(ariTime("2026-12-07T09:41:17.469+0200")).toBe(Date.UTC(2026, 11, 7, 7, 41, 17, 469));
    expect(() => ariTime("yesterday")).toThrow(/not an ARI timestamp/);
  });
});
