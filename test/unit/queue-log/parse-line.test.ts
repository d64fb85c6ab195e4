import { describe, expect, it } from "vitest";
import { IGNORED_EVENTS, defaultAgentId, parseLine, type ParsedLine } from "@/ingest/queue-log";

const record = (p: ParsedLine) => {
  if (p.kind !== "record") throw new Error(`expected a record, got ${JSON.stringify(p)}`);
  return p.record;
};
const errorOf = (p: ParsedLine) => {
  if (p.kind !== "error") throw new Error(`expected an error, got ${JSON.stringify(p)}`);
  return p.error;
};

describe("parseLine", () => {
  it("reads the fixed fields and converts the epoch to ms", () => {
    const r = record(parseLine("1366720340|1366720340.303267|MYQUEUE|SIP/8007|RINGNOANSWER|1000", 7));
    expect(r).toEqual({
      lineNo: 7,
      time: 1366720340_000,
      event: "RINGNOANSWER",
      callId: "1366720340.303267",
      queue: "MYQUEUE",
      agent: "SIP/8007",
      ringMs: 1000,
    });
  });

  it("treats blank lines, whitespace and # comments as nothing", () => {
    for (const line of ["", "   ", "\r", "# a comment", "  # indented comment"]) expect(parseLine(line, 1)).toEqual({ kind: "blank" });
  });

  it("strips a CR line ending and accepts a fractional epoch", () => {
    const r = record(parseLine("1366720340.25|c1|q|NONE|ABANDON|2|1|30\r", 1));
    expect(r).toMatchObject({ time: 1366720340_250, event: "ABANDON", position: 2, origPosition: 1, waitS: 30 });
  });

  it("reports too few fields, with the line and its number", () => {
    expect(errorOf(parseLine("1366720340|c1|q|ENTERQUEUE", 12))).toMatchObject({
      lineNo: 12,
      reason: "too_few_fields",
      line: "1366720340|c1|q|ENTERQUEUE",
    });
    expect(errorOf(parseLine("garbage", 3)).reason).toBe("too_few_fields");
  });

  it("reports non-numeric, negative and out-of-range epochs", () => {
    for (const epoch of ["noon", "-5", "", "1e9", "2012-07-03 15:27:23", "99999999999"]) {
      expect(errorOf(parseLine(`${epoch}|c1|q|NONE|ENTERQUEUE||123|1`, 1)).reason, epoch).toBe("bad_epoch");
    }
  });

  it("reports unknown events but skips the known ones that carry nothing", () => {
    expect(errorOf(parseLine("1366720340|c1|q|NONE|TELEPORT|x", 4))).toMatchObject({ reason: "unknown_event", lineNo: 4 });
    expect(errorOf(parseLine("1366720340|c1|q|NONE||x", 4)).reason).toBe("missing_field");
    for (const event of IGNORED_EVENTS) expect(parseLine(`1366720340|NONE|NONE|NONE|${event}|`, 1)).toEqual({ kind: "ignored", event });
  });

  it("reads NONE and empty ids as absent and refuses lines missing what the event needs", () => {
    expect(errorOf(parseLine("1366720340|c1|q|NONE|CONNECT|5|u1|2", 1))).toMatchObject({ reason: "missing_field" });
    expect(errorOf(parseLine("1366720340|NONE|q|NONE|ENTERQUEUE||123|1", 1))).toMatchObject({ reason: "missing_field" });
    expect(errorOf(parseLine("1366720340|c1|NONE|NONE|ENTERQUEUE||123|1", 1))).toMatchObject({ reason: "missing_field" });
    expect(errorOf(parseLine("1366720340|NONE|NONE|PJSIP/1|ADDMEMBER|", 1))).toMatchObject({ reason: "missing_field" });
    // PAUSEALL is logged with queue NONE
    expect(record(parseLine("1366720340|NONE|NONE|PJSIP/1|PAUSEALL|", 1))).toMatchObject({ event: "PAUSEALL", queue: undefined, reason: undefined });
  });

  it("reports data fields of the wrong shape", () => {
    expect(errorOf(parseLine("1366720340|c1|q|PJSIP/1|CONNECT|abc|u1|2", 9))).toMatchObject({ reason: "bad_data", lineNo: 9 });
    expect(errorOf(parseLine("1366720340|c1|q|PJSIP/1|COMPLETEAGENT|5|-3|1", 9)).reason).toBe("bad_data");
    expect(errorOf(parseLine(`1366720340|${"x".repeat(200)}|q|NONE|ENTERQUEUE||1|1`, 9)).reason).toBe("field_too_long");
  });

  it("reads optional data as absent and position 0 as no position", () => {
    expect(record(parseLine("1366720340|c1|q|NONE|ENTERQUEUE||", 1))).toMatchObject({ url: undefined, callerId: undefined, position: undefined });
    expect(record(parseLine("1366720340|c1|q|NONE|EXITWITHTIMEOUT|0", 1))).toMatchObject({ position: undefined, waitS: undefined });
  });

  it("reads every mapped event's data by its documented position", () => {
    expect(record(parseLine("1|c|q|NONE|ENTERQUEUE|http://x|+441632960001|3", 1))).toMatchObject({ url: "http://x", callerId: "+441632960001", position: 3 });
    expect(record(parseLine("1|c|q|A/1|CONNECT|12|1.2|3", 1))).toMatchObject({ holdS: 12, bridgedUniqueId: "1.2", ringS: 3 });
    expect(record(parseLine("1|c|q|A/1|COMPLETECALLER|12|120|1", 1))).toMatchObject({ holdS: 12, callS: 120, origPosition: 1 });
    expect(record(parseLine("1|c|q|A/1|BLINDTRANSFER|2000|from-internal|5|60|1", 1))).toMatchObject({
      extension: "2000",
      context: "from-internal",
      holdS: 5,
      callS: 60,
      origPosition: 1,
    });
    expect(record(parseLine("1|c|q|NONE|EXITWITHKEY|5|2|1|40", 1))).toMatchObject({ key: "5", position: 2, origPosition: 1, waitS: 40 });
    expect(record(parseLine("1|NONE|q|A/1|ADDMEMBER|PAUSED", 1))).toMatchObject({ event: "ADDMEMBER", paused: true });
    expect(record(parseLine("1|NONE|q|A/1|PAUSE|lunch", 1))).toMatchObject({ event: "PAUSE", reason: "lunch" });
    expect(record(parseLine("1|c|NONE|NONE|DID|+442079460000", 1))).toMatchObject({ event: "DID", did: "+442079460000" });
  });

  it("reads ATTENDEDTRANSFER timings from the end, whatever the method data", () => {
    const bridge = record(parseLine("1|c|q|A/1|ATTENDEDTRANSFER|BRIDGE|abc-123|5|60|1", 1));
    const link = record(parseLine("1|c|q|A/1|ATTENDEDTRANSFER|LINK|Local/2@x-1;1|Local/2@x-1;2|5|60|1", 1));
    const padded = record(parseLine("1|c|q|A/1|ATTENDEDTRANSFER|APP|Dial|5|60|1||", 1));
    for (const r of [bridge, link, padded]) expect(r).toMatchObject({ event: "ATTENDEDTRANSFER", holdS: 5, callS: 60, origPosition: 1 });
    expect(link).toMatchObject({ method: "LINK" });
  });

  it("reads old single-data-field lines and lower-case event names the same way", () => {
    const a = record(parseLine("1366720340|c1|q|PJSIP/1|CONNECT|12|1366720330.5|3", 1));
    const b = record(parseLine("1366720340|c1|q|PJSIP/1|connect|12|1366720330.5|3|||", 1));
    expect(b).toEqual(a);
  });
});

describe("defaultAgentId", () => {
  it("keeps the extension of an interface and member names as written", () => {
    expect(defaultAgentId("PJSIP/1001")).toBe("1001");
    expect(defaultAgentId("SIP/1001")).toBe("1001");
    expect(defaultAgentId("Local/1001@agents/n")).toBe("1001");
    expect(defaultAgentId("Local/1001@from-queue")).toBe("1001");
    expect(defaultAgentId("Agent/3001")).toBe("3001");
    expect(defaultAgentId("Alice Smith")).toBe("Alice Smith");
    expect(defaultAgentId("1001")).toBe("1001");
  });
});
