import { describe, expect, it } from "vitest";
import { decodeBytes } from "@/ingest/pipeline/decode";
import { answeredCall, bytesOf } from "../helpers/events";

const good = answeredCall("t", "c1", 1_700_000_000_000, 5000, 60000)[0]!;

describe("decodeBytes", () => {
  it("accepts a valid event and returns it typed", () => {
    const r = decodeBytes(bytesOf(good), 65536);
    expect(r).toEqual({ ok: true, event: good });
  });

  it.each([
    ["malformed_json", new TextEncoder().encode('{"specVersion": "1.0", ')],
    ["invalid_utf8", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
    ["not_an_object", bytesOf([1, 2, 3])],
    ["unsupported_spec_version", bytesOf({ ...good, specVersion: "9.9" })],
    ["unknown_type", bytesOf({ ...good, type: "call.teleported" })],
    ["schema_violation", bytesOf({ ...good, time: "yesterday" })],
    ["schema_violation", bytesOf({ ...good, id: "not-a-uuid" })],
    ["schema_violation", bytesOf({ ...good, type: "call.queued", data: {} })],
  ] as const)("refuses %s", (reason, bytes) => {
    const r = decodeBytes(bytes, 65536);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.detail.length).toBeGreaterThan(0);
    }
  });

  it("refuses oversized payloads before parsing them", () => {
    const huge = bytesOf({ ...good, raw: { note: "x".repeat(1000) } });
    const r = decodeBytes(huge, 512);
    expect(r).toMatchObject({ ok: false, reason: "oversized" });
  });

  it("names the offending field in schema violations", () => {
    const r = decodeBytes(bytesOf({ ...good, time: -5 }), 65536);
    expect(r.ok ? "" : r.detail).toMatch(/^time:/);
  });
});
