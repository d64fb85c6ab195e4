import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("defaults to the embedded demo shape", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ embedded: true, demoMode: true, simulator: true, DATA_DIR: "./data", PORT: 3000, SIM_BACKFILL_DAYS: 30 });
  });

  it("names the variable when a value is bad", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ CLICKHOUSE_URL: "not a url" })).toThrow(/CLICKHOUSE_URL/);
    expect(() => parseEnv({ SIM_BACKFILL_DAYS: "-3" })).toThrow(/SIM_BACKFILL_DAYS/);
    expect(() => parseEnv({ DEMO_MODE: "maybe" })).toThrow(/DEMO_MODE/);
  });

  it("refuses to run outside demo mode without a secret and a user source", () => {
    const attempt = () => parseEnv({ CLICKHOUSE_URL: "http://ch:8123" });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(/NEXTAUTH_SECRET/);
    expect(attempt).toThrow(/AUTH_USERS_FILE or OIDC_ISSUER/);
    const ok = parseEnv({ CLICKHOUSE_URL: "http://ch:8123", NEXTAUTH_SECRET: "s3cret", AUTH_USERS_FILE: "/etc/users.json" });
    expect(ok).toMatchObject({ embedded: false, demoMode: false, simulator: false });
  });

  it("requires OIDC client credentials with an issuer", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://login.example.com" })).toThrow(/OIDC_CLIENT_ID/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", CLICKHOUSE_URL: "" })).toMatchObject({ PORT: 3000, embedded: true });
  });
});
