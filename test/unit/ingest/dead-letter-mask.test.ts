import { describe, expect, it } from "vitest";
import { buildBatch } from "@/ingest/pipeline/batch";
import type { InboundMessage } from "@/ingest/pipeline/message";

// A well-known Luhn-valid test card, read aloud in groups.
const CARD = ["4111", "1111", "1111", "1111"];
const said = ["yes", "it", "is", ...CARD, "thanks"];

/**
 * A transcript segment refused for its negative segmentIndex, written by hand (odd spacing,
 * a key order of its own, an escaped character) so that "the rest of the bytes are intact"
 * means the very bytes, not a re-encoding.
 */
function refusedSegment(text: string, words: string[]): string {
  const wordsJson = words.map((t, k) => `{"t":"${t}","s":${k * 400},"e":${k * 400 + 300}}`).join(", ");
  return (
    `{"specVersion":"1.0", "id":"0b4c4a51-3f4e-4a65-9d2c-1f0b0c1d2e3f","source":"speech","time":1767690000000,` +
    `"tenantId":"t1","callId":"c1","type":"transcript.segment",` +
    `"data":{ "recordingId":"rec-1","segmentIndex":-1,"speaker":"caller","channel":1,"startMs":0,"endMs":3000,` +
    `"text":${JSON.stringify(text)},  "words":[${wordsJson}], "note":"caf\\u00e9" }}`
  );
}

const message = (bytes: string): InboundMessage => ({ payload: new TextEncoder().encode(bytes), origin: { source: "test" } });
const payloadOf = (b64: string) => Buffer.from(b64, "base64").toString("utf8");

describe("dead letters of transcript segments", () => {
  it("keep no digit run of a card read aloud, and every other byte as received", () => {
    const raw = refusedSegment(said.join(" "), said);
    const batch = buildBatch([message(raw)], 1 << 20);
    expect(batch.events).toHaveLength(0);
    expect(batch.deadLetters).toHaveLength(1);
    const dl = batch.deadLetters[0];
    const kept = payloadOf(dl?.payload_base64 ?? "");
    // No group of the card, nor the card as one run, is left anywhere in the bytes.
    for (const group of CARD) expect(kept).not.toContain(group);
    expect(kept.replace(/\D/g, "")).not.toContain(CARD.join(""));
    // Expected by hand: the text's card collapsed to its label, each card word masked, nothing else touched.
    const maskedWords = said.map((w) => (CARD.includes(w) ? "####" : w));
    expect(kept).toBe(refusedSegment("yes it is [card number] thanks", maskedWords));
    expect(dl?.payload_size).toBe(Buffer.byteLength(kept));
    expect(dl?.reason).toBe("schema_violation; card data masked");
  });

  it("mask a segment cut off midway (malformed JSON) as far as it goes", () => {
    const raw = refusedSegment(said.join(" "), said);
    const cut = raw.slice(0, raw.indexOf('"note"'));
    const dl = buildBatch([message(cut)], 1 << 20).deadLetters[0];
    const kept = payloadOf(dl?.payload_base64 ?? "");
    for (const group of CARD) expect(kept).not.toContain(group);
    expect(dl?.reason).toBe("malformed_json; card data masked");
    expect(kept.slice(0, kept.indexOf('"text"'))).toBe(cut.slice(0, cut.indexOf('"text"')));
  });

  it("name no digits of the bytes in their detail, where the JSON parser would quote them", () => {
    // Broken right after the card: the parser's message would quote the characters around the fault.
    const raw = `{"type":"transcript.segment","data":{"text":"it is 4111111111111111" 4111111111111111}}`;
    const dl = buildBatch([message(raw)], 1 << 20).deadLetters[0];
    expect(dl?.reason).toMatch(/^malformed_json/);
    expect(dl?.detail).not.toMatch(/4111|1111/);
    expect(dl?.detail).toMatch(/JSON/);
    // The string before the break is masked as text; the digits after it, where no structure is known, digit by digit.
    expect(payloadOf(dl?.payload_base64 ?? "")).toBe(`{"type":"transcript.segment","data":{"text":"it is [card number]" ################}}`);
  });

  it("leave a refused message without card data byte for byte, its reason unchanged", () => {
    const plain = ["please", "hold", "for", "order", "1234"];
    const raw = refusedSegment(plain.join(" "), plain);
    const dl = buildBatch([message(raw)], 1 << 20).deadLetters[0];
    expect(payloadOf(dl?.payload_base64 ?? "")).toBe(raw);
    expect(dl?.reason).toBe("schema_violation");
  });
});
