import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { createPlatformAdapter, NO_CAPABILITIES } from "@/ingest/platform";
import { SimulatedPbx } from "@/ingest/simulator/pbx";
import { AsteriskAdapter } from "@/ingest/asterisk/adapter";
import { loadSimulatorConfig } from "@/ingest/simulator/config";

describe("the platform registry", () => {
  it("starts no adapter for TELEPHONY=none", () => {
    expect(createPlatformAdapter(parseEnv({ TELEPHONY: "none" }))).toBeUndefined();
    // The default outside demo mode, or with Kafka feeding the store.
    expect(createPlatformAdapter(parseEnv({ KAFKA_BROKERS: "k:9092" }))).toBeUndefined();
  });

  it("builds the simulated PBX from the SIM_* settings, declaring the commands it has (agent state, monitoring, callbacks)", () => {
    const adapter = createPlatformAdapter(parseEnv({ TELEPHONY: "simulator", SIM_CONFIG: "config/simulator.e2e.json" }));
    const config = loadSimulatorConfig("config/simulator.e2e.json");
    expect(adapter).toBeInstanceOf(SimulatedPbx);
    expect(adapter?.name).toContain(config.source);
    expect(adapter?.timeZone).toBe(config.timeZone);
    expect(adapter?.capabilities).toEqual({
      ...NO_CAPABILITIES,
      setAgentState: true,
      originateCallback: true,
      callbackFirst: ["agent", "supervisor"],
      monitorModes: ["listen", "whisper", "barge"],
      monitorNotices: true,
    });
    expect(Object.keys(adapter?.commands ?? {})).toEqual(["setAgentState", "originateCallback", "startMonitor"]);
  });

  it("builds the Asterisk adapter from ARI_* and AMI_*, declaring agent state, the three monitor modes, callbacks and fetching recordings", () => {
    const adapter = createPlatformAdapter(
      parseEnv({ TELEPHONY: "asterisk", ARI_URL: "http://pbx.example:8088/ari", ARI_USER: "ccs", ARI_PASSWORD: "p", AMI_USER: "ccs", AMI_SECRET: "s" }),
    );
    expect(adapter).toBeInstanceOf(AsteriskAdapter);
    expect(adapter?.name).toBe("asterisk");
    expect(adapter?.capabilities).toEqual({
      ...NO_CAPABILITIES,
      setAgentState: true,
      fetchRecording: true,
      originateCallback: true,
      callbackFirst: ["agent", "supervisor"],
      monitorModes: ["listen", "whisper", "barge"],
    });
    expect(Object.keys(adapter?.commands ?? {}).sort()).toEqual(["fetchRecordings", "originateCallback", "setAgentState", "startMonitor"]);
  });

  it("is the demo default", () => {
    expect(createPlatformAdapter(parseEnv({}))).toBeInstanceOf(SimulatedPbx);
  });
});
