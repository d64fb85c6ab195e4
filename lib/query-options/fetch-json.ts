/** An API answer other than 2xx, with the server's own message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** On a 409 from an edit: the version the record is at now. */
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * GET a same-origin JSON endpoint. Errors carry the server's `{ error }` text so an
 * error state can show what went wrong rather than a bare status code.
 */
export async function fetchJson<T>(url: string, signal?: AbortSignal, options: { acceptStatus?: readonly number[] } = {}): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok && !options.acceptStatus?.includes(res.status)) {
    const message = body && typeof body === "object" && "error" in body && typeof body.error === "string" ? body.error : `request failed (${res.status})`;
    throw new ApiError(res.status, message);
  }
  return body as T;
}
