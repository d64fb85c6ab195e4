import { describe, expect, it } from "vitest";
import { withVariables } from "@/ingest/freeswitch/dialstring";
import { fillTemplate, plainWord } from "@/lib/telephony/dial-template";
import { parseAgentRows } from "@/ingest/freeswitch/callback";
import { DTMF, whisperVariables } from "@/ingest/freeswitch/monitor-session";

describe("FreeSWITCH dial strings", () => {
  it("fills a template's placeholders", () => {
    expect(fillTemplate("user/{agent} &bridge(sofia/gateway/pstn/{number})", { agent: "1001", number: "+442079460010" }, "not_permitted")).toBe(
      "user/1001 &bridge(sofia/gateway/pstn/+442079460010)",
    );
    // Only the values used are checked: a supervisor id that could not be dialled does not matter to user/{extension}.
    expect(fillTemplate("{sip_auto_answer=true}user/{extension}", { extension: "2001", supervisorId: "oidc|42 x" }, "unsupported")).toBe(
      "{sip_auto_answer=true}user/2001",
    );
    expect(() => fillTemplate("user/{supervisorId}", { supervisorId: "oidc|42 x" }, "unsupported")).toThrow(expect.objectContaining({ code: "unsupported" }));
  });

  it("refuses a placeholder the command has no value for", () => {
    expect(() => fillTemplate("user/{extension}", { supervisorId: "s1" }, "unsupported")).toThrow(expect.objectContaining({ code: "unsupported" }));
  });

  it("puts our variables in the one block at the front, after the template's own", () => {
    expect(withVariables("user/2001", { origination_uuid: "u1", eavesdrop_whisper_bleg: "true" })).toBe("{origination_uuid=u1,eavesdrop_whisper_bleg=true}user/2001");
    expect(withVariables("{sip_auto_answer=true}user/2001", { origination_uuid: "u1" })).toBe("{sip_auto_answer=true,origination_uuid=u1}user/2001");
  });

  it("lets nothing but a plain word into a command line", () => {
    expect(plainWord("1001@default", "no_such_agent", "agent")).toBe("1001@default");
    for (const bad of ["1001 &bridge(sofia/gateway/x/0900)", "a,b=c", "{x=y}", "", "a'b", "1001\n"]) {
      expect(() => plainWord(bad, "no_such_agent", "agent")).toThrow(expect.objectContaining({ code: "no_such_agent" }));
    }
  });
});

describe("eavesdrop modes", () => {
  // mod_dptools.c: whisper_aleg -> ED_MUX_READ (what the eavesdropped agent leg reads goes on to the caller),
  // whisper_bleg -> ED_MUX_WRITE (written to the agent's phone); switch_ivr_async.c: 0 none, 2 write, 3 both.
  it("starts listen with neither leg, whisper with the agent's (b), barge with both", () => {
    expect(whisperVariables("listen")).toEqual({ eavesdrop_whisper_aleg: "false", eavesdrop_whisper_bleg: "false" });
    expect(whisperVariables("whisper")).toEqual({ eavesdrop_whisper_aleg: "false", eavesdrop_whisper_bleg: "true" });
    expect(whisperVariables("barge")).toEqual({ eavesdrop_whisper_aleg: "true", eavesdrop_whisper_bleg: "true" });
  });

  it("changes mode with eavesdrop's digits: 0 restore, 2 speak with the uuid, 3 three-way", () => {
    expect(DTMF).toEqual({ listen: "0", whisper: "2", barge: "3" });
  });
});

describe("callcenter_config lists", () => {
  it("reads the header and rows, without the +OK", () => {
    const text = "name|status|state|last_bridge_end\n1001|Available|Waiting|1700000000\n1002|Available|Waiting|1699999000\n+OK\n";
    expect(parseAgentRows(text)).toEqual([
      { name: "1001", status: "Available", state: "Waiting", last_bridge_end: "1700000000" },
      { name: "1002", status: "Available", state: "Waiting", last_bridge_end: "1699999000" },
    ]);
    expect(parseAgentRows("name|status\n+OK\n")).toEqual([]);
  });
});
