import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { test, expect, sql, signIn } from "./support";
import { E2E_DATA_DIR, E2E_PORT } from "../playwright.config";
import { hashPassword } from "../lib/auth/password";
import { formatDuration } from "../lib/time/format-duration";

/**
 * The call page and transcript search against the running product. Expected values
 * come from the store by SQL (the operator socket), never from the code under test.
 * Steps that need transcripts use the simulator's recorded calls (SIM_RECORDING_DAYS in
 * playwright.config.ts); a store without one fails the test.
 */

const SCOPED = "call-scope-e2e";
const SCOPED_PASSWORD = `scoped-${randomBytes(6).toString("hex")}`;

type Segment = { call_id: string; recording_id: string; text: string; word: string; start: number };

async function transcribedCall(request: Parameters<typeof sql>[0]): Promise<Segment> {
  // A segment of at least four words in a recording that has stopped (a call still in progress has no audio yet), with its third word's start.
  const rows = await sql<Segment>(
    request,
    `SELECT call_id, recording_id, text, words[3] AS word, word_starts[3] AS start FROM transcript_segments
     WHERE tenant_id = 'demo' AND length(words) >= 4 AND match(words[3], '^[A-Za-z]{4,}$')
       AND recording_id IN (SELECT recording_id FROM recordings WHERE tenant_id = 'demo' GROUP BY recording_id HAVING max(duration_ms) > 0)
     ORDER BY at DESC, call_id, recording_id, segment_index LIMIT 1`,
  );
  const seg = rows[0];
  // The simulator records every answered call of the recorded history, so the store must hold one.
  if (!seg) throw new Error("no stopped recording with a transcript in the store: the simulator should have recorded calls");
  return seg;
}

test.describe("the call page", () => {
  test("QA opens a call from the contacts list and sees its facts", async ({ page, request }) => {
    await signIn(page, "qa");
    await page.goto("/contacts?filter=answered");
    const first = page.getByTestId("contacts-table").locator("tbody tr").first();
    const legId = await first.getAttribute("data-row");
    await first.locator("th a").click();
    await page.waitForURL(/\/calls\//);
    const callId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
    const legs = await sql<{ leg_id: string; wait_ms: number; queue: string }>(
      request,
      `SELECT leg_id, wait_ms, q.name AS queue FROM contact_segments AS s FINAL
       LEFT JOIN (SELECT queue_id, name FROM queues FINAL WHERE tenant_id = 'demo') AS q ON q.queue_id = s.queue_id
       WHERE s.tenant_id = 'demo' AND s.call_id = '${callId.replace(/'/g, "")}'`,
    );
    expect(legs.map((l) => l.leg_id)).toContain(legId);
    const facts = page.getByTestId("call-facts");
    await expect(page.getByRole("heading", { name: `Call ${callId}` })).toBeVisible();
    await expect(facts.locator('[data-fact="wait"] dd')).toHaveText(formatDuration(legs.reduce((s, l) => s + Number(l.wait_ms), 0)));
    for (const l of legs) await expect(facts.locator(`[data-leg="${l.leg_id}"]`)).toContainText(l.queue);
  });

  test("QA reads the transcript; a click on a word moves the player there; ?t= opens at that moment", async ({ page, request }) => {
    const seg = await transcribedCall(request);
    await signIn(page, "qa");
    await page.goto(`/calls/${encodeURIComponent(seg.call_id)}?recording=${encodeURIComponent(seg.recording_id)}`);
    const word = page.getByTestId("transcript").locator(`span.word[data-start-ms="${seg.start}"]`).first();
    await expect(word).toHaveText(seg.word);
    await word.click();
    await expect(page.getByTestId("player-time")).toHaveAttribute("data-ms", String(seg.start));
    await expect(word).toHaveAttribute("aria-current", "true");

    await page.goto(`/calls/${encodeURIComponent(seg.call_id)}?recording=${encodeURIComponent(seg.recording_id)}&t=${seg.start / 1000}`);
    await expect(page.getByTestId("player-time")).toHaveAttribute("data-ms", String(seg.start));
    await expect(page.getByTestId("transcript").locator('span.word[aria-current="true"]')).toHaveText(seg.word);
  });

  test("QA plays a recording: the audio streams with range requests (206), time advances, keys change the speed", async ({ page, request }) => {
    const seg = await transcribedCall(request);
    await signIn(page, "qa");
    const audio: number[] = [];
    page.on("response", (r) => {
      if (r.url().includes(`/api/recordings/${encodeURIComponent(seg.recording_id)}/audio`)) audio.push(r.status());
    });
    const peaks = await page.request.get(`/api/recordings/${encodeURIComponent(seg.recording_id)}/peaks`);
    await page.goto(`/calls/${encodeURIComponent(seg.call_id)}?recording=${encodeURIComponent(seg.recording_id)}`);
    expect(peaks.status()).toBe(200);
    await expect(page.getByTestId("player")).toHaveAttribute("data-state", "ready");
    await expect(page.getByTestId("waveform").locator("div").first()).toBeAttached();
    await page.getByTestId("player-play").click();
    await expect.poll(async () => Number(await page.getByTestId("player-time").getAttribute("data-ms")), { timeout: 30_000 }).toBeGreaterThan(500);
    await expect(page.getByTestId("player-play")).toHaveText("Pause");
    expect(audio.length).toBeGreaterThan(0);
    expect(audio.every((s) => s === 206)).toBe(true);
    // Keys: "]" one step faster, "[" twice one step slower than where it started.
    await page.locator("body").press("]");
    await expect(page.getByTestId("player-rate")).toHaveValue("1.25");
    await page.locator("body").press("[");
    await page.locator("body").press("[");
    await expect(page.getByTestId("player-rate")).toHaveValue("0.75");
    await page.locator("body").press(" ");
    await expect(page.getByTestId("player-play")).toHaveText("Play");
  });

  test("QA searches a phrase and lands on the call at its first word", async ({ page, request }) => {
    const seg = await transcribedCall(request);
    await signIn(page, "qa");
    await page.goto("/search?period=last7");
    await expect(page.getByRole("link", { name: "Search" })).toBeVisible();
    // The segment's third and fourth words as a phrase, in capitals: case does not matter.
    const [, , third, fourth] = seg.text.split(/\s+/);
    const phrase = `${third} ${fourth}`.toUpperCase();
    await page.getByTestId("search-input").fill(phrase);
    await page.getByTestId("search-submit").click();
    const hit = page.locator(`[data-testid="search-hits"] li[data-call="${seg.call_id}"][data-recording="${seg.recording_id}"]`).first();
    await expect(hit.locator("mark")).toHaveText(new RegExp(`^${third?.replace(/[^A-Za-z']/g, "")}`, "i"));
    await hit.getByTestId("search-hit-link").click();
    await page.waitForURL(/\/calls\/.*[?&]t=/);
    const t = Number(new URL(page.url()).searchParams.get("t"));
    await expect(page.getByTestId("player-time")).toHaveAttribute("data-ms", String(Math.round(t * 1000)));
    await expect(page.getByTestId("transcript").locator('span.word[aria-current="true"]').first()).toBeVisible();
  });

  test("a supervisor outside the call's scope gets 404, page and API alike", async ({ page, request }) => {
    // A call whose every leg is in queues other than the scoped user's one queue.
    const queues = await sql<{ queue_id: string }>(request, "SELECT queue_id FROM queues FINAL WHERE tenant_id = 'demo' ORDER BY queue_id");
    const own = queues[0]?.queue_id ?? "";
    const [call] = await sql<{ call_id: string }>(
      request,
      `SELECT call_id FROM contact_segments FINAL WHERE tenant_id = 'demo' AND outcome = 'answered'
       GROUP BY call_id HAVING countIf(queue_id = '${own}') = 0 ORDER BY max(queued_at) DESC LIMIT 1`,
    );
    expect(own).not.toBe("");
    expect(call?.call_id ?? "").not.toBe("");
    const file = path.join(E2E_DATA_DIR, "demo-users.json");
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { users: { username: string }[] };
    const users = doc.users.filter((u) => u.username !== SCOPED);
    users.push({
      username: SCOPED,
      name: "Scoped Supervisor",
      role: "supervisor",
      passwordHash: await hashPassword(SCOPED_PASSWORD),
      scope: { teams: [], queues: [own] },
    } as { username: string });
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ ...doc, users }, null, 2), { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);

    await page.goto("/signin");
    await page.getByLabel("Username").fill(SCOPED);
    await page.getByLabel("Password").fill(SCOPED_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    const res = await page.goto(`/calls/${encodeURIComponent(call?.call_id ?? "")}`);
    expect(res?.status()).toBe(404);
    const unknown = await page.goto("/calls/no-such-call");
    expect(unknown?.status()).toBe(404);
    const api = await page.request.get(`http://127.0.0.1:${E2E_PORT}/api/calls/${encodeURIComponent(call?.call_id ?? "")}`);
    expect(api.status()).toBe(404);
    expect(await api.json()).toEqual({ error: "not found" });
  });
});
