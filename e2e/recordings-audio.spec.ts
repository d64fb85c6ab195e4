import { test, expect, signIn, sql } from "./support";

/**
 * A simulated recording served to Chromium by the audio route: rendered on first
 * open, answered with 206 to the media element's range reads, played and sought,
 * with peaks for the waveform and the playback in the audit log. Expected figures
 * come from the store by SQL (the recording's duration) or from HTTP itself.
 */
const TENANT = process.env.TENANT_ID ?? "demo";

test("QA plays and seeks a simulated recording through range requests; peaks and the audit row are there", async ({ page, request }) => {
  const [rec] = await sql<{ recording_id: string; duration_ms: number }>(
    request,
    `SELECT recording_id, max(duration_ms) AS duration_ms FROM recordings WHERE tenant_id = '${TENANT}' GROUP BY recording_id
     HAVING duration_ms > 60000 AND max(stopped_at) > now() - INTERVAL 2 DAY ORDER BY max(stopped_at) DESC LIMIT 1`,
  );
  if (!rec) throw new Error("no finished simulated recording of over a minute in the last two days");
  const url = `/api/recordings/${encodeURIComponent(rec.recording_id)}/audio`;

  await signIn(page, "qa");
  const first = await page.request.get(url, { headers: { range: "bytes=0-1023" } });
  expect(first.status()).toBe(206);
  expect(first.headers()["content-type"]).toBe("audio/webm");
  const size = Number(/^bytes 0-1023\/(\d+)$/.exec(first.headers()["content-range"] ?? "")?.[1]);
  expect(size).toBeGreaterThan(10_000);
  expect((await first.body()).length).toBe(1024);
  expect((await page.request.get(url, { headers: { range: `bytes=${size}-` } })).status()).toBe(416);

  const peaks = (await (await page.request.get(`/api/recordings/${encodeURIComponent(rec.recording_id)}/peaks`)).json()) as {
    durationMs: number;
    peaksPerSecond: number;
    channels: { role: string; peaks: number[] }[];
  };
  expect(peaks.channels.map((c) => c.role)).toEqual(["agent", "caller"]);
  expect(Math.abs(peaks.durationMs - rec.duration_ms)).toBeLessThan(1_000);

  // The media element: its requests carry Range and are answered 206.
  const ranges: string[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/audio") && r.request().headers()["range"]) ranges.push(`${r.status()} ${r.request().headers()["range"]}`);
  });
  const played = await page.evaluate(async (src) => {
    const audio = new Audio(src);
    audio.muted = true;
    audio.preload = "auto";
    await new Promise<void>((resolve, reject) => {
      audio.addEventListener("loadedmetadata", () => resolve(), { once: true });
      audio.addEventListener("error", () => reject(new Error(`media error ${audio.error?.code}`)), { once: true });
    });
    const duration = audio.duration;
    await audio.play();
    audio.pause();
    audio.currentTime = duration * 0.75;
    await new Promise<void>((resolve) => audio.addEventListener("seeked", () => resolve(), { once: true }));
    return { duration, at: audio.currentTime };
  }, url);
  expect(Math.abs(played.duration * 1000 - rec.duration_ms)).toBeLessThan(1_000);
  expect(Math.abs(played.at - played.duration * 0.75)).toBeLessThan(1);
  expect(ranges.length).toBeGreaterThan(0);
  expect(ranges.every((r) => r.startsWith("206 bytes="))).toBe(true);

  await expect
    .poll(
      async () =>
        (
          await sql<{ n: number }>(
            request,
            `SELECT count() AS n FROM audit_log WHERE tenant_id = '${TENANT}' AND action = 'recording.play' AND target = 'recording:${rec.recording_id}'`,
          )
        )[0]?.n,
    )
    .toBeGreaterThan(0);
});
