import type { Rng } from "@/lib/random/rng";

/** The Luhn check digit that makes `body` + digit valid. */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Doubling starts from the digit next to the check digit, walking left.
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * A 16-digit Visa-style number in the range payment processors keep for tests
 * (4000 00..), Luhn-valid so a redaction rule that checks Luhn catches it, and never a
 * real card.
 */
export function testCardNumber(rng: Rng): string {
  let body = "400000";
  while (body.length < 15) body += String(rng.int(10));
  return body + String(luhnCheckDigit(body));
}

export function randomDigits(rng: Rng, n: number): string {
  let s = "";
  while (s.length < n) s += String(rng.int(10));
  return s;
}
