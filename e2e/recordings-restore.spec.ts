import fs from "node:fs";
import path from "node:path";
import { decodeWebmOpus } from "../lib/recordings/media/decode-webm-opus";
import { wavFile } from "../test/unit/helpers/wav-file";
import { test, expect, signIn, sql } from "./support";

/**
 * A real recording's redaction undone from the call page: an admin keeps originals, uploads
 * the speech fixture (a two-party call with a card number read aloud) to a stored call, the
 * speech worker transcribes it and the card number is silenced with the original kept; the
 * call page offers "Restore the unredacted audio" to the admin, which serves the original
 * again (the /original route then has nothing to give) and leaves an audit row.
 * Needs the recogniser (`npm run speech:install`; CI installs it): skipped without it.
 */
const TENANT = process.env.TENANT_ID ?? "demo";
const FIXTURE = path.join(process.cwd(), "test/fixtures/speech/card-call.webm");
const FIXTURE_MS = 19_510;

test("an admin restores a redacted recording's kept original from the call page, audited", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "admin");
  const health = (await (await page.request.get("/api/health")).json()) as { speech?: { state: string } };
  const speech = health.speech?.state ?? "off";
  const noRecogniser = ["off", "not_installed", "stopped"].includes(speech);
  // CI installs the recogniser (.ci/run), so there its absence is a failure, as for the speech integration tests.
  if (noRecogniser && process.env.CI) throw new Error(`CI: no recogniser on the server (speech: ${speech}); .ci/run runs npm run speech:install`);
  test.skip(noRecogniser, `no recogniser on this server (speech: ${speech}); npm run speech:install`);

  const settings = (await (await page.request.get("/api/admin/redaction")).json()) as { version: number; kinds: Record<string, boolean>; keepOriginal: boolean };
  const keep = await page.request.put("/api/admin/redaction", { data: { kinds: settings.kinds, keepOriginal: true, expectedVersion: settings.version } });
  expect(keep.status()).toBe(200);
  try {
    const [call] = await sql<{ call_id: string }>(
      page.request,
      `SELECT call_id FROM cti_events WHERE tenant_id = '${TENANT}' AND type = 'call.established' AND time > now() - INTERVAL 1 DAY ORDER BY time DESC LIMIT 1`,
    );
    if (!call) throw new Error("no answered call in the last day");
    const channels = decodeWebmOpus(new Uint8Array(fs.readFileSync(FIXTURE)), 16000, 2, Math.round(FIXTURE_MS * 16));
    const upload = await page.request.post(`/api/recordings?callId=${encodeURIComponent(call.call_id)}&layout=agent,caller`, {
      headers: { "content-type": "audio/wav" },
      data: Buffer.from(wavFile(channels, 16000, "pcm16")),
    });
    expect(upload.status()).toBe(200);
    const { recordingId } = (await upload.json()) as { recordingId: string };

    // Transcribed, the card number found and silenced, the original kept.
    await expect
      .poll(async () => ((await (await page.request.get(`/api/transcriptions/${encodeURIComponent(recordingId)}`)).json()) as { state: string }).state, {
        timeout: 240_000,
        intervals: [1_000],
      })
      .toBe("done");
    await expect
      .poll(async () => (await page.request.get(`/api/recordings/${encodeURIComponent(recordingId)}/original`, { headers: { range: "bytes=0-0" } })).status())
      .toBe(206);

    await page.goto(`/calls/${encodeURIComponent(call.call_id)}?recording=${encodeURIComponent(recordingId)}`);
    const panel = page.getByTestId("restore-original");
    await expect(panel).toContainText(/redacted spans? silenced/);
    await panel.getByRole("button", { name: "Restore the unredacted audio" }).click();
    await panel.getByRole("button", { name: "Restore it" }).click();
    // The page is read again: nothing is redacted, so there is nothing left to restore.
    await expect(panel).toHaveCount(0);
    expect((await page.request.get(`/api/recordings/${encodeURIComponent(recordingId)}/original`)).status()).toBe(404);
    const [audit] = await sql<{ n: number }>(
      page.request,
      `SELECT count() AS n FROM audit_log WHERE tenant_id = '${TENANT}' AND action = 'recording.restore' AND target = 'recording:${recordingId}'`,
    );
    expect(Number(audit?.n)).toBe(1);
  } finally {
    const now = (await (await page.request.get("/api/admin/redaction")).json()) as { version: number };
    await page.request.put("/api/admin/redaction", { data: { kinds: settings.kinds, keepOriginal: settings.keepOriginal, expectedVersion: now.version } });
  }
});
