import { describe, expect, it } from "vitest";
import { assertWebAuthConfig, EnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("defaults to the embedded demo shape", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ embedded: true, demoMode: true, telephony: "simulator", DATA_DIR: "./data", PORT: 3000, SIM_BACKFILL_DAYS: 30, deprecations: [] });
  });

  it("takes the centre's time zone in its canonical spelling, UTC by default, and refuses an unknown one by name", () => {
    expect(parseEnv({}).centreTimeZone).toBe("UTC");
    expect(parseEnv({ CENTRE_TIME_ZONE: "europe/london" }).centreTimeZone).toBe("Europe/London");
    expect(() => parseEnv({ CENTRE_TIME_ZONE: "Europe/Londres" })).toThrow(/CENTRE_TIME_ZONE: "Europe\/Londres" is not an IANA time zone/);
  });

  it("without CENTRE_TIME_ZONE, takes the simulated centre's zone when the simulator runs, and only then", () => {
    const asked: (string | undefined)[] = [];
    const simulatorTimeZone = (file: string | undefined) => {
      asked.push(file);
      return "Europe/Berlin";
    };
    expect(parseEnv({ SIM_CONFIG: "config/other.json" }, { simulatorTimeZone }).centreTimeZone).toBe("Europe/Berlin");
    expect(asked).toEqual(["config/other.json"]);
    // Set, it wins; with Kafka (no simulator) or another platform, the simulator has no say.
    expect(parseEnv({ CENTRE_TIME_ZONE: "America/Chicago" }, { simulatorTimeZone }).centreTimeZone).toBe("America/Chicago");
    expect(parseEnv({ KAFKA_BROKERS: "k:9092" }, { simulatorTimeZone }).centreTimeZone).toBe("UTC");
    expect(parseEnv({ TELEPHONY: "none" }, { simulatorTimeZone }).centreTimeZone).toBe("UTC");
    expect(asked).toHaveLength(1);
  });

  it("names the variable when a value is bad", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ CLICKHOUSE_URL: "not a url" })).toThrow(/CLICKHOUSE_URL/);
    expect(() => parseEnv({ SIM_BACKFILL_DAYS: "-3" })).toThrow(/SIM_BACKFILL_DAYS/);
    expect(() => parseEnv({ DEMO_MODE: "maybe" })).toThrow(/DEMO_MODE/);
  });

  it("refuses to serve the web outside demo mode without a secret and a user source", () => {
    const attempt = () => assertWebAuthConfig(parseEnv({ CLICKHOUSE_URL: "http://ch:8123" }));
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(/NEXTAUTH_SECRET/);
    expect(attempt).toThrow(/AUTH_USERS_FILE or OIDC_ISSUER/);
    const ok = parseEnv({ CLICKHOUSE_URL: "http://ch:8123", NEXTAUTH_SECRET: "kQ3v9Zt1mW8pR2xL7nB4yH6sD0fJ5cGa", AUTH_USERS_FILE: "/etc/users.json" });
    expect(() => assertWebAuthConfig(ok)).not.toThrow();
    expect(ok).toMatchObject({ embedded: false, demoMode: false, telephony: "none" });
    // The ingest worker needs no sign-in settings.
    expect(parseEnv({ CLICKHOUSE_URL: "http://ch:8123", KAFKA_BROKERS: "k:9092" })).toMatchObject({ kafkaBrokers: ["k:9092"], ingestInWeb: false });
  });

  it("runs the simulator by default only in demo mode without Kafka", () => {
    expect(parseEnv({ KAFKA_BROKERS: "k:9092" }).telephony).toBe("none");
    expect(parseEnv({ DEMO_MODE: "false" }).telephony).toBe("none");
    expect(parseEnv({ CLICKHOUSE_URL: "http://ch:8123", DEMO_MODE: "true" }).telephony).toBe("simulator");
    expect(parseEnv({ KAFKA_BROKERS: "k:9092", TELEPHONY: "simulator" }).telephony).toBe("simulator");
    expect(parseEnv({ TELEPHONY: "none" }).telephony).toBe("none");
  });

  it("refuses an unknown TELEPHONY, naming the variable and the choices", () => {
    const attempt = () => parseEnv({ TELEPHONY: "cisco" });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(/TELEPHONY: .*"none".*"simulator".*"asterisk".*"freeswitch"/);
  });

  it("needs ARI and AMI credentials for TELEPHONY=asterisk, and defaults the app and AMI port", () => {
    const attempt = () => parseEnv({ TELEPHONY: "asterisk", ARI_URL: "http://pbx:8088/ari", ARI_USER: "ccs" });
    expect(attempt).toThrow(EnvError);
    try {
      attempt();
    } catch (e) {
      expect((e as EnvError).issues).toEqual([
        "ARI_PASSWORD: required when TELEPHONY=asterisk",
        "AMI_USER: required when TELEPHONY=asterisk",
        "AMI_SECRET: required when TELEPHONY=asterisk",
      ]);
    }
    const env = parseEnv({ TELEPHONY: "asterisk", ARI_URL: "http://pbx:8088/ari", ARI_USER: "ccs", ARI_PASSWORD: "p", AMI_USER: "ccs", AMI_SECRET: "s" });
    expect(env).toMatchObject({ telephony: "asterisk", ARI_APP: "ccs-supervisor", AMI_PORT: 5038, ASTERISK_WRAPUP_SECONDS: 0 });
    expect(env.ASTERISK_QUEUE_LOG).toBeUndefined();
    expect(() => parseEnv({ ASTERISK_WRAPUP_SECONDS: "-1" })).toThrow(/ASTERISK_WRAPUP_SECONDS/);
    expect(() => parseEnv({ ARI_APP: "has space" })).toThrow(/ARI_APP: must be 1-64 letters/);
    // Without TELEPHONY=asterisk nothing of it is required.
    expect(parseEnv({ TELEPHONY: "none" }).ARI_URL).toBeUndefined();
  });

  it("keeps SIMULATOR as a deprecated alias of TELEPHONY", () => {
    expect(parseEnv({ SIMULATOR: "false" })).toMatchObject({ telephony: "none", deprecations: ["SIMULATOR is deprecated: use TELEPHONY=none"] });
    expect(parseEnv({ SIMULATOR: "true", KAFKA_BROKERS: "k:9092" })).toMatchObject({ telephony: "simulator" });
    expect(parseEnv({ SIMULATOR: "true", TELEPHONY: "simulator" }).telephony).toBe("simulator");
    expect(() => parseEnv({ SIMULATOR: "true", TELEPHONY: "none" })).toThrow(/SIMULATOR: contradicts TELEPHONY=none/);
  });

  it("requires OIDC client credentials with an issuer", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://login.example.com" })).toThrow(/OIDC_CLIENT_ID/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", CLICKHOUSE_URL: "" })).toMatchObject({ PORT: 3000, embedded: true });
  });
});
