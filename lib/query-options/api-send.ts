import { ApiError } from "./fetch-json";

/**
 * PUT, POST, PATCH or DELETE JSON to a same-origin endpoint. A refusal comes back as an ApiError
 * with the server's own message (and, for a 409, the version now current), so a
 * form can say what to fix.
 */
export async function apiSend<T>(method: "PUT" | "POST" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? { accept: "application/json" } : { "content-type": "application/json", accept: "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = answer && typeof answer === "object" && "error" in answer && typeof answer.error === "string" ? answer.error : `request failed (${res.status})`;
    const current = answer && typeof answer === "object" && "currentVersion" in answer && typeof answer.currentVersion === "number" ? answer.currentVersion : undefined;
    throw new ApiError(res.status, message, current);
  }
  return answer as T;
}
