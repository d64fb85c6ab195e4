import { randomUUID } from "node:crypto";

/**
 * Requests Asterisk refuses, with the answers Asterisk 23.4.1 gave the lab (status and
 * message; the message only where the fake words it the same). Run against the fake in CI
 * and against the lab where it is built, so the fake's refusals are checked against the
 * real thing, not only against the description.
 */
export type Refusal = { what: string; method: string; path: string; status: number; message?: string };

export function refusals(o: { app: string; agentChannelId: string }): Refusal[] {
  const agent = encodeURIComponent(o.agentChannelId);
  const missing = `missing-${randomUUID()}`;
  return [
    { what: "a whisper direction ARI does not have", method: "POST", path: `/channels/${agent}/snoop?spy=both&whisper=sideways&app=${o.app}`, status: 400 },
    {
      what: "a snoop that neither spies nor whispers",
      method: "POST",
      path: `/channels/${agent}/snoop?spy=none&whisper=none&app=${o.app}`,
      status: 400,
      message: "Direction must be specified for at least spy or whisper",
    },
    {
      what: "a snoop on a channel that is not there",
      method: "POST",
      path: `/channels/${missing}/snoop?spy=both&app=${o.app}`,
      status: 404,
      message: "Provided channel was not found",
    },
    {
      what: "a websocket externalMedia without encapsulation=none",
      method: "POST",
      path: `/channels/externalMedia?app=${o.app}&transport=websocket&connection_type=server&format=slin16`,
      status: 400,
      message: "encapsulation must be 'none' for websocket transport",
    },
    {
      what: "an externalMedia direction ARI does not have",
      method: "POST",
      path: `/channels/externalMedia?app=${o.app}&transport=websocket&encapsulation=none&connection_type=server&format=slin16&direction=sideways`,
      status: 400,
    },
    { what: "reading a channel that is not there", method: "GET", path: `/channels/${missing}`, status: 404, message: "Channel not found" },
    { what: "hanging up a channel that is not there", method: "DELETE", path: `/channels/${missing}`, status: 404, message: "Channel not found" },
    { what: "adding to a bridge that is not there", method: "POST", path: `/bridges/${missing}/addChannel?channel=${agent}`, status: 404, message: "Bridge not found" },
    { what: "destroying a bridge that is not there", method: "DELETE", path: `/bridges/${missing}`, status: 404, message: "Bridge not found" },
    {
      what: "unsubscribing from a channel never subscribed to",
      method: "DELETE",
      path: `/applications/${o.app}/subscription?eventSource=channel:${missing}`,
      status: 422,
      message: "Event source was not subscribed to",
    },
  ];
}

export type Answered = { what: string; status: number; message?: string };

/** Sends each refusal and keeps what came back, with the message only where the refusal names one. */
export async function sendRefusals(
  ariUrl: string,
  auth: { user: string; password: string },
  list: readonly Refusal[],
): Promise<{ expected: Answered[]; got: Answered[] }> {
  const authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString("base64")}`;
  const got: Answered[] = [];
  for (const r of list) {
    const res = await fetch(`${ariUrl}${r.path}`, { method: r.method, headers: { authorization } });
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    got.push({ what: r.what, status: res.status, ...(r.message === undefined ? {} : { message: body.message }) });
  }
  return { expected: list.map((r) => ({ what: r.what, status: r.status, ...(r.message === undefined ? {} : { message: r.message }) })), got };
}

/** A bridge made, a channel outside Stasis refused (422), the bridge destroyed (204), then again (404). */
export async function bridgeRefusals(ariUrl: string, auth: { user: string; password: string }, agentChannelId: string): Promise<[number, string | undefined][]> {
  const authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString("base64")}`;
  const id = `probe-${randomUUID()}`;
  const steps: [string, string][] = [
    ["POST", `/bridges?type=mixing&bridgeId=${id}&name=probe`],
    ["POST", `/bridges/${id}/addChannel?channel=${encodeURIComponent(agentChannelId)}`],
    ["DELETE", `/bridges/${id}`],
    ["DELETE", `/bridges/${id}`],
  ];
  const out: [number, string | undefined][] = [];
  for (const [method, p] of steps) {
    const res = await fetch(`${ariUrl}${p}`, { method, headers: { authorization } });
    const text = await res.text();
    out.push([res.status, res.status >= 400 ? (JSON.parse(text) as { message?: string }).message : undefined]);
  }
  const bad = await fetch(`${ariUrl}/channels`, { headers: { authorization: `Basic ${Buffer.from(`${auth.user}:wrong`).toString("base64")}` } });
  out.push([bad.status, ((await bad.json()) as { message?: string }).message]);
  return out;
}

/** What bridgeRefusals should give, as the lab answered. */
export const BRIDGE_REFUSALS: [number, string | undefined][] = [
  [200, undefined],
  [422, "Channel not in Stasis application"],
  [204, undefined],
  [404, "Bridge not found"],
  [401, "Authentication required"],
];
