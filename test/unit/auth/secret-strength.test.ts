import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { secretWeakness } from "@/lib/auth/secret-strength";
import { assertWebAuthConfig, parseEnv } from "@/lib/env";

describe("session secret strength", () => {
  it("accepts random secrets as the docs say to make them", () => {
    for (let i = 0; i < 50; i++) {
      expect(secretWeakness(randomBytes(32).toString("base64"))).toBeNull();
      expect(secretWeakness(randomBytes(32).toString("hex"))).toBeNull();
    }
  });

  it("refuses short, repeated, sequential, few-character and placeholder secrets", () => {
    expect(secretWeakness("x")).toMatch(/too short \(1 bytes; at least 32\)/);
    expect(secretWeakness(randomBytes(16).toString("base64"))).toMatch(/too short/);
    expect(secretWeakness("a".repeat(64))).toMatch(/different characters/);
    expect(secretWeakness("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ")).toMatch(/neighbouring/);
    expect(secretWeakness("0123456789012345678901234567890123456789")).toMatch(/different characters|neighbouring/);
    expect(secretWeakness("Xy7#kL9@Xy7#kL9@Xy7#kL9@Xy7#kL9@Xy7#kL9@")).toMatch(/different characters|repeated/);
    expect(secretWeakness("q9W!e8R@t7Y#u6I$q9W!e8R@t7Y#u6I$")).toMatch(/repeated/);
    expect(secretWeakness("please-changeme-before-production-2024")).toMatch(/placeholder/);
    expect(secretWeakness("my-super-secret-session-key-for-prod")).toMatch(/placeholder/);
  });

  it("stops start-up with a weak NEXTAUTH_SECRET, saying how to make one, in demo mode too", () => {
    const server = parseEnv({ CLICKHOUSE_URL: "http://ch:8123", AUTH_USERS_FILE: "/etc/users.json", NEXTAUTH_SECRET: "hunter2" });
    expect(() => assertWebAuthConfig(server)).toThrow(/NEXTAUTH_SECRET: too short.*openssl rand -base64 32/);
    expect(() => assertWebAuthConfig(parseEnv({ NEXTAUTH_SECRET: "changeme" }))).toThrow(/NEXTAUTH_SECRET/);
    expect(() => assertWebAuthConfig(parseEnv({ NEXTAUTH_SECRET: randomBytes(32).toString("base64") }))).not.toThrow();
  });
});
