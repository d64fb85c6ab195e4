import { findRedactionSpans } from "./find-spans";
import { jsonStringLiterals, type JsonStringLiteral } from "./json-string-literals";
import { MASKED_WORD, REDACTION_KINDS, type RedactionPolicy } from "./kinds";
import { luhnValid } from "./luhn";
import { maskTokens, textTokens } from "./mask";

/**
 * Every kind, whatever the tenant's policy: a refused message may not even name its
 * tenant, and a dead letter is read by operators, who never need a card number.
 */
const EVERY_KIND: RedactionPolicy = { kinds: Object.fromEntries(REDACTION_KINDS.map((k) => [k, true])) as RedactionPolicy["kinds"], keepOriginal: false };

/**
 * A refused message's bytes with card numbers, security codes and expiry dates masked
 * in the speech they carry, by the same finder the pipeline masks stored segments with:
 * the string under any `text` key is masked as the pipeline masks a segment's text (each
 * span becomes its label), and each `t` of a `words` array that falls in a span becomes
 * MASKED_WORD. Every other byte stays as received (the dead letter must still show what
 * came). Where the JSON breaks off (a cut or broken message), any Luhn-valid run of 13 to 19
 * digits in the rest is masked digit by digit. Bytes that are not valid UTF-8 are read one
 * byte a character, so their structure still shows. `masked` says whether anything changed.
 */
export function maskCardDataInJsonBytes(bytes: Uint8Array): { bytes: Uint8Array; masked: boolean } {
  const utf8 = decodeUtf8(bytes);
  const text = utf8 ?? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const replacements: { start: number; end: number; literal: string }[] = [];
  const wordLists = new Map<string, JsonStringLiteral[]>();
  const { literals, readTo } = jsonStringLiterals(text);
  for (const lit of literals) {
    const key = lit.path[lit.path.length - 1];
    if (key === "text") {
      const tokens = textTokens(lit.value);
      const spans = findRedactionSpans(tokens, EVERY_KIND);
      if (spans.length > 0) replacements.push({ start: lit.start, end: lit.end, literal: JSON.stringify(maskTokens(tokens, spans)) });
    } else if (key === "t" && lit.path[lit.path.length - 3] === "words" && typeof lit.path[lit.path.length - 2] === "number") {
      const list = JSON.stringify(lit.path.slice(0, -2));
      wordLists.set(list, [...(wordLists.get(list) ?? []), lit]);
    }
  }
  for (const words of wordLists.values()) {
    for (const span of findRedactionSpans(
      words.map((w) => w.value),
      EVERY_KIND,
    )) {
      for (const w of words.slice(span.from, span.to)) replacements.push({ start: w.start, end: w.end, literal: JSON.stringify(MASKED_WORD) });
    }
  }
  // Past where the JSON broke off nothing is known of its structure: any Luhn-valid run of 13 to 19 digits
  // (spaces or dashes between groups allowed) there is taken for a card number.
  for (const m of text.slice(readTo).matchAll(/\d(?:[ -]?\d){12,18}(?!\d)/g)) {
    const digits = m[0].replace(/\D/g, "");
    if (luhnValid(digits)) replacements.push({ start: readTo + m.index, end: readTo + m.index + m[0].length, literal: m[0].replace(/\d/g, "#") });
  }
  if (replacements.length === 0) return { bytes, masked: false };
  let out = text;
  for (const r of replacements.sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.literal + out.slice(r.end);
  return {
    bytes:
      utf8 === undefined
        ? Buffer.from(
            out.replace(/[\u0100-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
            "latin1",
          )
        : Buffer.from(out, "utf8"),
    masked: true,
  };
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM keeps a leading BOM in the text, so encoding back gives the same bytes.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
