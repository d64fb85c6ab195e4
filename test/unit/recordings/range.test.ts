import { describe, expect, it } from "vitest";
import { parseRange } from "@/lib/recordings/media/range";

describe("an HTTP Range header against a 1000-byte object", () => {
  const at = (h: string | null) => parseRange(h, 1000);
  it("is the whole object without a header", () => {
    expect(at(null)).toEqual({ kind: "whole" });
    expect(at("")).toEqual({ kind: "whole" });
  });
  it("reads first-last inclusive, and an open end to the last byte", () => {
    expect(at("bytes=0-99")).toEqual({ kind: "range", range: { start: 0, end: 99 } });
    expect(at("bytes=500-")).toEqual({ kind: "range", range: { start: 500, end: 999 } });
    expect(at("bytes=999-999")).toEqual({ kind: "range", range: { start: 999, end: 999 } });
  });
  it("cuts an end past the object to its last byte", () => {
    expect(at("bytes=900-5000")).toEqual({ kind: "range", range: { start: 900, end: 999 } });
  });
  it("reads a suffix as the last N bytes, all of it when N is larger", () => {
    expect(at("bytes=-100")).toEqual({ kind: "range", range: { start: 900, end: 999 } });
    expect(at("bytes=-5000")).toEqual({ kind: "range", range: { start: 0, end: 999 } });
  });
  it("is unsatisfiable from a start at or past the end, or for an empty suffix", () => {
    expect(at("bytes=1000-")).toEqual({ kind: "unsatisfiable" });
    expect(at("bytes=1000-2000")).toEqual({ kind: "unsatisfiable" });
    expect(at("bytes=-0")).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(at("bytes=99999999999999999999-")).toEqual({ kind: "unsatisfiable" });
    expect(at("bytes=10-99999999999999999999")).toEqual({ kind: "range", range: { start: 10, end: 999 } });
  });
  it("ignores what it does not honour: other units, several ranges, garbage, a reversed range", () => {
    expect(at("items=0-5")).toEqual({ kind: "whole" });
    expect(at("bytes=0-5,10-20")).toEqual({ kind: "whole" });
    expect(at("bytes=abc")).toEqual({ kind: "whole" });
    expect(at("bytes=-")).toEqual({ kind: "whole" });
    expect(at("bytes=50-10")).toEqual({ kind: "whole" });
  });
  it("accepts spaces and upper case in the unit", () => {
    expect(at(" BYTES = 10 - 19 ")).toEqual({ kind: "range", range: { start: 10, end: 19 } });
  });
});
