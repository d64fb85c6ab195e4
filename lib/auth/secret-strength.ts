/**
 * Why a session-signing secret is too weak to use, or null. Whoever guesses it can
 * forge any session (an admin's included), so it must be long and random: at least
 * 32 bytes, not a short pattern repeated, not a run of neighbouring characters, not
 * made of a handful of characters, and not a placeholder from an example file.
 */
export const MIN_SECRET_BYTES = 32;
export const MAKE_SECRET_HINT = "make one with: openssl rand -base64 32 (or node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\")";

const PLACEHOLDERS = ["changeme", "change-me", "change_me", "secret", "password", "example", "replace", "your-", "your_", "nextauth", "default", "xxxx"];

export function secretWeakness(secret: string): string | null {
  const bytes = Buffer.byteLength(secret, "utf8");
  if (bytes < MIN_SECRET_BYTES) return `too short (${bytes} bytes; at least ${MIN_SECRET_BYTES})`;
  const lower = secret.toLowerCase();
  const placeholder = PLACEHOLDERS.find((p) => lower.includes(p));
  if (placeholder) return `looks like a placeholder (contains "${placeholder}")`;
  const distinct = new Set(secret).size;
  if (distinct < 12) return `uses only ${distinct} different characters`;
  for (let period = 1; period <= secret.length / 2; period++) {
    if (secret.length % period === 0 && secret.slice(period) === secret.slice(0, -period)) return "is a short pattern repeated";
  }
  const codes = [...secret].map((c) => c.codePointAt(0) ?? 0);
  let steps = 0;
  for (let i = 1; i < codes.length; i++) if (Math.abs(codes[i]! - codes[i - 1]!) <= 1) steps++;
  if (steps / (codes.length - 1) > 0.5) return "is mostly runs of neighbouring characters (like abcdef or 123456)";
  return null;
}
