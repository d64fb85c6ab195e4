import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { crossSiteProblem, ownHosts } from "@/lib/http/same-origin";
import type { SessionUser } from "@/lib/auth/session";

/**
 * The cross-site guard on mutations: a foreign Origin (or, without one,
 * Sec-Fetch-Site or Referer) is refused with a reason; our own host, and requests
 * with no browser signal at all (curl, the CLI), pass; reads are never judged.
 */

const own = ["dash.example:3000"];
const signals = (over: Partial<Parameters<typeof crossSiteProblem>[0]>) =>
  crossSiteProblem({ method: "PUT", origin: null, secFetchSite: null, referer: null, ownHosts: own, ...over });

describe("crossSiteProblem", () => {
  it("refuses a mutation from another site's Origin, naming it", () => {
    expect(signals({ origin: "https://evil.example" })).toBe("refused: a PUT from another site (Origin https://evil.example); send it from this site's own pages");
    // Same name, other port: another origin.
    expect(signals({ origin: "http://dash.example:4000" })).toMatch(/another site/);
    expect(signals({ method: "POST", origin: "null" })).toMatch(/opaque origin/);
  });

  it("passes a mutation from our own host, whatever the scheme (TLS ends at the proxy)", () => {
    expect(signals({ origin: "http://dash.example:3000" })).toBeNull();
    expect(signals({ origin: "https://DASH.example:3000" })).toBeNull();
  });

  it("falls back to Sec-Fetch-Site, then Referer, when there is no Origin", () => {
    expect(signals({ secFetchSite: "cross-site" })).toMatch(/Sec-Fetch-Site: cross-site/);
    expect(signals({ secFetchSite: "same-site" })).toMatch(/Sec-Fetch-Site: same-site/);
    expect(signals({ secFetchSite: "same-origin" })).toBeNull();
    expect(signals({ referer: "https://evil.example/page" })).toMatch(/Referer https:\/\/evil\.example\/page/);
    expect(signals({ referer: "http://dash.example:3000/wallboard/thresholds" })).toBeNull();
  });

  it("passes a request without any browser signal, and never judges a read", () => {
    expect(signals({})).toBeNull();
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(signals({ method, origin: "https://evil.example" })).toBeNull();
    for (const method of ["POST", "PATCH", "DELETE"]) expect(signals({ method, origin: "https://evil.example" })).not.toBeNull();
  });
});

describe("ownHosts", () => {
  it("is the Host, any forwarded host, and the configured public URL's host", () => {
    const h = new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "Dash.Example" });
    expect(ownHosts(h, "https://dash.example.org/app")).toEqual(["10.0.0.5:3000", "dash.example", "dash.example.org"]);
    expect(ownHosts(new Headers({ host: "localhost:3000" }))).toEqual(["localhost:3000"]);
  });
});

let signedIn: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => signedIn }));
const { handle } = await import("@/lib/api/handle");
const { updateThresholds } = await import("@/lib/api/endpoints/live");

describe("a declared mutation's handler", () => {
  beforeEach(() => {
    signedIn = { id: "a", name: "Admin", role: "admin" };
  });
  const put = (headers: Record<string, string>) =>
    handle(updateThresholds)(new NextRequest("http://localhost:3000/api/admin/thresholds", { method: "PUT", body: "{nope", headers }), { params: Promise.resolve({}) });

  it("answers 403 with the reason to a foreign Origin, before anything else", async () => {
    const res = await put({ origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/another site \(Origin https:\/\/evil\.example\)/);
  });

  it("lets a same-origin request through to the next check (here: the body is not JSON)", async () => {
    const res = await put({ origin: "http://localhost:3000" });
    expect(res.status).toBe(400);
  });
});
