import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { createPlatformAdapter } from "@/ingest/platform";
import { FreeswitchAdapter } from "@/ingest/freeswitch/adapter";

describe("TELEPHONY=freeswitch", () => {
  it("needs the event socket's host and password, naming them", () => {
    const attempt = () => parseEnv({ TELEPHONY: "freeswitch", FREESWITCH_ESL_HOST: "pbx1" });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(/FREESWITCH_ESL_HOST \/ FREESWITCH_ESL_PASSWORD: required when TELEPHONY=freeswitch/);
    expect(() => parseEnv({ TELEPHONY: "freeswitch", FREESWITCH_ESL_HOST: "pbx1", FREESWITCH_ESL_PASSWORD: "pw", FREESWITCH_ESL_PORT: "70000" })).toThrow(
      /FREESWITCH_ESL_PORT/,
    );
  });

  it("defaults the port to mod_event_socket's 8021 and the dial strings to user/ endpoints", () => {
    const env = parseEnv({ TELEPHONY: "freeswitch", FREESWITCH_ESL_HOST: "pbx1", FREESWITCH_ESL_PASSWORD: "pw" });
    expect(env).toMatchObject({
      telephony: "freeswitch",
      FREESWITCH_ESL_PORT: 8021,
      FREESWITCH_CALLBACK_DIALSTRING: "user/{agent} &bridge(sofia/gateway/default/{number})",
      FREESWITCH_SUPERVISOR_DIALSTRING: "{sip_auto_answer=true}user/{extension}",
    });
  });

  it("builds the FreeSWITCH adapter, declaring agent state, callbacks and monitoring on the supervisor's phone", () => {
    const adapter = createPlatformAdapter(parseEnv({ TELEPHONY: "freeswitch", FREESWITCH_ESL_HOST: "pbx1", FREESWITCH_ESL_PASSWORD: "pw" }));
    expect(adapter).toBeInstanceOf(FreeswitchAdapter);
    expect(adapter?.capabilities).toEqual({
      monitorModes: ["listen", "whisper", "barge"],
      monitorMedia: "phone",
      monitorNotices: false,
      setAgentState: true,
      originateCallback: true,
      callbackFirst: ["agent", "supervisor"],
      fetchRecording: false,
    });
    expect(Object.keys(adapter?.commands ?? {}).sort()).toEqual(["originateCallback", "setAgentState", "startMonitor"]);
  });
});
