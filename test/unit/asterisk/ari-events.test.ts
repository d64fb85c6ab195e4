import { describe, expect, it } from "vitest";
import { knownEvent } from "@/ingest/asterisk/ari-events";

/** Events as Asterisk 23.4.1 sent them to the lab's app (trimmed). */
const channel = { id: "sn1", name: "Snoop/1796629275.10-00000003", state: "Up" };
const stasisStart = {
  type: "StasisStart",
  timestamp: "2026-12-07T07:41:17.469+0000",
  args: [],
  channel,
  asterisk_id: "02:fc:00:00:00:01",
  application: "ccs-supervisor",
};
const dial = {
  type: "Dial",
  timestamp: "2026-12-07T07:41:17.471+0000",
  dialstatus: "",
  dialstring: "INCOMING/d(both)",
  peer: { id: "em1" },
  application: "ccs-supervisor",
};
const bridgeDestroyed = { type: "BridgeDestroyed", timestamp: "2026-12-07T07:41:21.808+0000", bridge: { id: "b1" }, application: "ccs-supervisor" };

describe("the ARI events the adapter acts on", () => {
  it("keeps StasisStart, StasisEnd, ChannelDestroyed and ChannelHangupRequest with their channel", () => {
    expect(knownEvent(JSON.stringify(stasisStart))).toEqual(stasisStart);
    for (const type of ["StasisEnd", "ChannelDestroyed", "ChannelHangupRequest"]) expect(knownEvent(JSON.stringify({ ...stasisStart, type }))?.type).toBe(type);
  });

  it("drops the others, which may have no channel at all (Dial names a peer, BridgeDestroyed a bridge), and anything malformed", () => {
    expect(knownEvent(JSON.stringify(dial))).toBeUndefined();
    expect(knownEvent(JSON.stringify(bridgeDestroyed))).toBeUndefined();
    expect(knownEvent(JSON.stringify({ ...stasisStart, type: "ChannelVarset" }))).toBeUndefined();
    expect(knownEvent(JSON.stringify({ ...stasisStart, channel: undefined }))).toBeUndefined();
    expect(knownEvent("not json")).toBeUndefined();
    expect(knownEvent("null")).toBeUndefined();
  });
});
