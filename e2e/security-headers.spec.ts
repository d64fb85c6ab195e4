import { test, expect } from "./support";

/** Pages and API answers alike refuse to be framed, forbid content sniffing and keep paths out of referrers. */
test("pages and API answers carry the security headers", async ({ request }) => {
  for (const path of ["/signin", "/api/health", "/api/kpi/summary"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("same-origin");
  }
});
