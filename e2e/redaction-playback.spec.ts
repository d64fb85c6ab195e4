import { test, expect, sql, signIn } from "./support";

/**
 * A simulated call whose caller read a card number aloud: QA opens it and sees the
 * number masked in the transcript, and the audio the browser receives is silent where
 * it was said and not silent elsewhere on that channel. The span's times come from the
 * store (transcript_redactions, by SQL); the audio is decoded and measured in the page
 * by Chromium's own decoder, never by the product's code.
 */

type Span = { call_id: string; recording_id: string; channel: number; start_ms: number; end_ms: number };

test("a card number read aloud is masked in the transcript and silent in the audio the browser gets", async ({ page }) => {
  const [span] = await sql<Span>(
    page.request,
    `SELECT call_id, recording_id, channel, starts_ms[1] AS start_ms, ends_ms[1] AS end_ms
     FROM transcript_redactions FINAL
     WHERE tenant_id = 'demo' AND kinds[1] = 'card_number'
       AND recording_id IN (SELECT recording_id FROM recordings WHERE tenant_id = 'demo' GROUP BY recording_id HAVING max(duration_ms) > 0)
     ORDER BY recording_id LIMIT 1`,
  );
  // About one simulated call in twelve reads a card number; the recorded day holds hundreds of calls.
  if (!span) throw new Error("no stopped simulated recording with a card number in the store");
  // Speech on the same channel: the first unmasked segment of three words or more, from its first word.
  const [speech] = await sql<{ speech_ms: number }>(
    page.request,
    `SELECT word_starts[1] AS speech_ms FROM transcript_segments FINAL
     WHERE tenant_id = 'demo' AND recording_id = '${span.recording_id}' AND channel = ${span.channel} AND length(words) >= 3 AND NOT has(words, '####')
     ORDER BY segment_index LIMIT 1`,
  );
  if (!speech) throw new Error(`no unmasked speech on channel ${span.channel} of ${span.recording_id}`);

  await signIn(page, "qa");
  await page.goto(`/calls/${encodeURIComponent(span.call_id)}?recording=${encodeURIComponent(span.recording_id)}`);
  const transcript = page.getByTestId("transcript");
  await expect(transcript.locator("span.word", { hasText: "####" }).first()).toBeVisible();
  // No run of four digits anywhere in what the page shows (the card's groups, said as numerals or written).
  expect(await transcript.textContent()).not.toMatch(/\d{4}/);

  const levels = await page.evaluate(
    async ({ recordingId, channel, startMs, endMs, speechMs }) => {
      const bytes = await (await fetch(`/api/recordings/${encodeURIComponent(recordingId)}/audio`)).arrayBuffer();
      const audio = await new OfflineAudioContext(2, 16_000, 16_000).decodeAudioData(bytes);
      const data = audio.getChannelData(channel);
      const rms = (fromMs: number, toMs: number) => {
        const from = Math.floor((fromMs / 1000) * audio.sampleRate);
        const to = Math.floor((toMs / 1000) * audio.sampleRate);
        let sum = 0;
        for (let i = from; i < to; i++) sum += (data[i] ?? 0) ** 2;
        return Math.sqrt(sum / Math.max(1, to - from));
      };
      // The span as stored (first word's start to last word's end), inside the product's 300 ms padding.
      return { redacted: rms(startMs, endMs), speech: rms(speechMs, speechMs + 1_000) };
    },
    { recordingId: span.recording_id, channel: span.channel, startMs: span.start_ms, endMs: span.end_ms, speechMs: speech.speech_ms },
  );
  // Digital silence where the number was said (the open line's hiss, about -62 dBFS ≈ 0.0008, is gone too); speech elsewhere.
  expect(levels.redacted).toBeLessThan(0.0002);
  expect(levels.speech).toBeGreaterThan(0.01);
});
