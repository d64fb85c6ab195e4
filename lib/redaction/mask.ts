import { MASK_LABEL, MASKED_WORD, type RedactionSpan } from "./kinds";

/** Each word inside a span becomes MASKED_WORD; the others stay. Word times are untouched, so the player keeps its timing. */
export function maskWords(words: readonly string[], spans: readonly RedactionSpan[]): string[] {
  const out = [...words];
  for (const s of spans) for (let i = s.from; i < s.to && i < out.length; i++) out[i] = MASKED_WORD;
  return out;
}

/**
 * Text tokens (split on whitespace) with each span collapsed to its label, e.g.
 * "it's 4539 1488 0343 6467." -> "it's [card number]." (the span's closing punctuation kept).
 */
export function maskTokens(tokens: readonly string[], spans: readonly RedactionSpan[]): string {
  const out: string[] = [];
  let i = 0;
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    while (i < s.from && i < tokens.length) out.push(tokens[i++] as string);
    if (s.to <= i) continue;
    const last = tokens[Math.min(s.to, tokens.length) - 1] ?? "";
    out.push(MASK_LABEL[s.kind] + (/[.,;:?!]+$/.exec(last)?.[0] ?? ""));
    i = s.to;
  }
  while (i < tokens.length) out.push(tokens[i++] as string);
  return out.join(" ");
}

export const textTokens = (text: string): string[] => text.split(/\s+/).filter((t) => t.length > 0);
