import { test, expect, newestTalkingCall, signIn, signInRequest, sql } from "./support";

/**
 * A queue's monitoring policy, set by an admin on its page: the wallboard stops offering
 * what it forbids on that queue's calls, and the API refuses it (403, saying why, audited),
 * while what it allows still works. The policy is put back at the end.
 */

test("an admin forbids barging on a queue: its calls offer no Barge, the API refuses it, listening still works", async ({ page, browser }) => {
  // A call in conversation now, and its queue (the newest answer has the most of it left).
  await signIn(page, "supervisor");
  await page.goto("/wallboard");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  const talking = page.locator('tr[data-call-id][data-state="talking"][data-call-queue-id]');
  await expect(talking.first()).toBeVisible({ timeout: 120_000 });
  const queueId = (await talking.last().getAttribute("data-call-queue-id")) ?? "";

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin");
  await admin.goto("/admin/monitoring");
  const policyRow = admin.locator(`[data-testid="monitoring-policy-row"][data-policy-queue-id="${queueId}"]`);
  const version = Number(await policyRow.getAttribute("data-version"));
  await policyRow.getByRole("checkbox", { name: /^Barge on / }).uncheck();
  await policyRow.getByRole("button", { name: "Save" }).click();
  await expect(policyRow.getByRole("status")).toContainText(`Saved (version ${version + 1})`);

  try {
    // The wallboard learns the policy within its refresh; reloading takes it at once.
    await page.reload();
    await expect(page.getByTestId("live-status")).toHaveText("Live");
    const callId = await newestTalkingCall(page, queueId);
    const controls = page.locator(`tr[data-call-id="${callId}"]`).getByTestId("monitor-controls");
    await expect(controls.getByRole("button", { name: `Listen to call ${callId}` })).toBeVisible();
    await expect(controls.getByRole("button", { name: `Barge to call ${callId}` })).toHaveCount(0);

    const since = Date.now() - 1_000;
    const refused = await page.request.post("/api/monitor/sessions", { data: { callId, mode: "barge" } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/barging in is not allowed on .*'s calls/);
    const listening = await page.request.post("/api/monitor/sessions", { data: { callId, mode: "listen" } });
    expect(listening.status(), await listening.text()).toBe(200);
    const { session } = (await listening.json()) as { session: { id: string } };
    const change = await page.request.patch(`/api/monitor/sessions/${session.id}`, { data: { mode: "barge" } });
    expect(change.status()).toBe(403);
    expect((await page.request.delete(`/api/monitor/sessions/${session.id}`)).status()).toBe(200);

    const audit = await sql<{ action: string; details: string }>(
      page.request,
      `SELECT action, details FROM audit_log WHERE target = 'call:${callId}' AND at >= fromUnixTimestamp64Milli(${since}) ORDER BY at`,
    );
    expect(audit.map((a) => [a.action, (JSON.parse(a.details) as { failed?: string }).failed ?? null])).toEqual([
      ["monitor.started", "not_permitted"],
      ["monitor.started", null],
      ["monitor.mode_changed", "not_permitted"],
      ["monitor.stopped", null],
    ]);
  } finally {
    await signInRequest(admin.request, "admin");
    const back = await admin.request.put(`/api/monitor/policy/${encodeURIComponent(queueId)}`, {
      data: { monitoring: true, whisper: true, barge: true, notifyAgent: false, bargeTone: false },
    });
    expect(back.status()).toBe(200);
    await admin.context().close();
  }
});

test("supervisors may read the policy but not change it (403); a bad body is a 400", async ({ request }) => {
  await signInRequest(request, "supervisor");
  const read = await request.get("/api/monitor/policy");
  expect(read.status()).toBe(200);
  const { policies } = (await read.json()) as { policies: { queueId: string }[] };
  const queueId = policies[0]?.queueId ?? "";
  expect(
    (await request.put(`/api/monitor/policy/${queueId}`, { data: { monitoring: false, whisper: false, barge: false, notifyAgent: false, bargeTone: false } })).status(),
  ).toBe(403);
  await signInRequest(request, "admin");
  const bad = await request.put(`/api/monitor/policy/${queueId}`, { data: { monitoring: "yes" } });
  expect(bad.status()).toBe(400);
});
