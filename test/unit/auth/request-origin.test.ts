import { describe, expect, it } from "vitest";
import { requestOrigin, secureCookies } from "@/lib/auth/request-origin";
import { clientAddress, PEER_HEADER } from "@/lib/auth/client-address";

const h = (headers: Record<string, string>) => new Headers(headers);
const direct = { trustProxy: false };
const proxied = { trustProxy: true };

describe("request origin", () => {
  it("is the Host the browser used, over http, with NEXTAUTH_URL unset (not http://localhost:3000)", () => {
    expect(requestOrigin(h({ host: "cc.example.org:8080" }), direct)).toEqual({ origin: "http://cc.example.org:8080" });
    expect(requestOrigin(h({ host: "10.0.0.5:3000" }), direct)).toEqual({ origin: "http://10.0.0.5:3000" });
    expect(requestOrigin(h({ host: "[::1]:3000" }), direct)).toEqual({ origin: "http://[::1]:3000" });
    expect(requestOrigin(h({ host: "Supervisor.Example.ORG" }), direct)).toEqual({ origin: "http://supervisor.example.org" });
  });

  it("ignores X-Forwarded-Host/-Proto unless a proxy is trusted", () => {
    const headers = h({ host: "10.0.0.5:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(requestOrigin(headers, direct)).toEqual({ origin: "http://10.0.0.5:3000" });
    expect(requestOrigin(headers, proxied)).toEqual({ origin: "https://evil.example" });
  });

  it("behind a trusted proxy takes the first forwarded host and scheme", () => {
    expect(requestOrigin(h({ host: "app:3000", "x-forwarded-host": "cc.example.org, app:3000", "x-forwarded-proto": "https,http" }), proxied)).toEqual({
      origin: "https://cc.example.org",
    });
    expect(requestOrigin(h({ host: "app:3000", "x-forwarded-proto": "http" }), proxied)).toEqual({ origin: "http://app:3000" });
    expect(requestOrigin(h({ host: "app:3000" }), proxied)).toEqual({ origin: "http://app:3000" });
  });

  it("NEXTAUTH_URL wins over every header", () => {
    expect(requestOrigin(h({ host: "other:1", "x-forwarded-host": "x" }), { nextauthUrl: "https://cc.example.org/", trustProxy: true })).toEqual({
      origin: "https://cc.example.org",
    });
  });

  it("refuses a host that is not a host name", () => {
    for (const host of ["evil.example/path", "user@evil.example", "a b", "evil.example:port", "-bad-.example", ""]) {
      expect(requestOrigin(h(host ? { host } : {}), direct)).toHaveProperty("error");
    }
    expect(requestOrigin(h({ host: "ok:1", "x-forwarded-host": "evil.example\\@x" }), proxied)).toHaveProperty("error");
  });

  it("marks cookies Secure exactly for https origins", () => {
    expect(secureCookies("https://cc.example.org")).toBe(true);
    expect(secureCookies("http://cc.example.org")).toBe(false);
  });
});

describe("client address", () => {
  it("is the stamped socket peer; a client-sent X-Forwarded-For is ignored without a trusted proxy", () => {
    const headers = h({ [PEER_HEADER]: "198.51.100.7", "x-forwarded-for": "1.2.3.4" });
    expect(clientAddress(headers, false, true)).toBe("198.51.100.7");
  });

  it("does not believe the peer header unless the web process stamps it", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "1.2.3.4" }), false, false)).toBe("unknown");
  });

  it("behind a trusted proxy is the entry the proxy appended (the last)", () => {
    const headers = h({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 203.0.113.9" });
    expect(clientAddress(headers, true, true)).toBe("203.0.113.9");
    expect(clientAddress(h({ [PEER_HEADER]: "10.0.0.2" }), true, true)).toBe("10.0.0.2");
  });
});
