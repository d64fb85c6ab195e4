import { test, expect, signIn } from "./support";

/**
 * /api/health against the running product: probes get up or down and nothing
 * else; a signed-in user also the history fill's progress (the banner); admins
 * the store's details.
 */
test("health tells anyone up or down, and only admins the details", async ({ request, browser }) => {
  const anonymous = await request.get("/api/health");
  expect(anonymous.status()).toBe(200);
  expect(await anonymous.json()).toEqual({ ok: true });

  const admin = await browser.newPage();
  await signIn(admin, "admin");
  const asAdmin = (await (await admin.request.get("/api/health")).json()) as { store: { version: string }; ingest: { inserted: number } };
  expect(asAdmin.store.version).toMatch(/^\d+\.\d+/);
  expect(asAdmin.ingest.inserted).toBeGreaterThan(0);
  await admin.close();

  const manager = await browser.newPage();
  await signIn(manager, "manager");
  const asManager = (await (await manager.request.get("/api/health")).json()) as Record<string, unknown>;
  expect(Object.keys(asManager).sort()).toEqual(["backfill", "ok"]);
  expect(asManager.backfill).toMatchObject({ state: "done" });
  await manager.close();
});
