import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { HashQueueFull, hashQueue } from "./hash-queue";

/**
 * scrypt from node:crypto (no native add-on to build at install time), through the
 * process's bounded hashing queue: a full queue rejects with HashQueueFull at once.
 */
const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  hashQueue().run(() => new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)))));

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

/** Format: scrypt$N$r$p$saltBase64$hashBase64 (parameters travel with the hash). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P });
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, "base64");
  const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * Number(n) * Number(r) + 1024 * 1024 };
  // A full queue (HashQueueFull) propagates: "busy, retry" is not "wrong password".
  const key = await scrypt(password, Buffer.from(saltB64, "base64"), expected.length, options).catch((e: unknown) => {
    if (e instanceof HashQueueFull) throw e;
    return null; // bad parameters in the stored hash
  });
  return key !== null && key.length === expected.length && timingSafeEqual(key, expected);
}
