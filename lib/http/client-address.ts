/**
 * Where a request came from, for the audit log. Next.js gives route handlers no
 * socket, only headers: its server sets `X-Forwarded-For` to the peer's address
 * when the request has none, and keeps the header when it has one. So behind a
 * proxy this is the chain the proxy passed on (the right-most entry is the one
 * the proxy saw); a client talking to the server directly could write its own
 * header, so the address is as trustworthy as the proxy in front of the server.
 * The whole chain is kept (trimmed) rather than one entry, so an auditor sees
 * everything the request claimed.
 */
const MAX_LENGTH = 256;

export function clientAddress(headers: Headers): string | undefined {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a.length > 0)
    .join(", ");
  if (chain.length > 0) return chain.slice(0, MAX_LENGTH);
  const real = headers.get("x-real-ip")?.trim();
  return real ? real.slice(0, MAX_LENGTH) : undefined;
}
