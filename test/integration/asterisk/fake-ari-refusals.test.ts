import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRIDGE_REFUSALS, bridgeRefusals, refusals, sendRefusals } from "./ari-refusals";
import { FAKE_ARI, startFakeLab, type FakeLab } from "../../fakes/asterisk/fake-lab";

/** The fake refuses what Asterisk 23.4.1 refused in the lab (ari-refusals.ts), and what the API description forbids. */
describe("the fake Asterisk's refusals", () => {
  let lab: FakeLab;
  let agentChannelId = "";
  beforeAll(async () => {
    lab = await startFakeLab();
    agentChannelId = [...lab.asterisk.channels.values()].find((c) => c.kind === "agent")?.id ?? "";
  });
  afterAll(() => lab.stop());

  it("answers the lab's refusals as the lab did", async () => {
    const { expected, got } = await sendRefusals(lab.ariUrl, FAKE_ARI, refusals({ app: FAKE_ARI.app, agentChannelId }));
    expect(got).toEqual(expected);
    expect(await bridgeRefusals(lab.ariUrl, FAKE_ARI, agentChannelId)).toEqual(BRIDGE_REFUSALS);
  });

  it("refuses what the description lacks: a missing required parameter, an operation, a method, and (stricter than Asterisk) an unknown parameter", async () => {
    const auth = { authorization: `Basic ${Buffer.from(`${FAKE_ARI.user}:${FAKE_ARI.password}`).toString("base64")}` };
    const ask = async (method: string, p: string) => {
      const r = await fetch(`${lab.ariUrl}${p}`, { method, headers: auth });
      return [r.status, ((await r.json()) as { message: string }).message];
    };
    expect(await ask("POST", `/channels/${agentChannelId}/snoop?spy=both`)).toEqual([400, "missing required parameter app"]);
    expect(await ask("POST", `/channels/externalMedia?app=x&transport=websocket&encapsulation=none&connection_type=server`)).toEqual([
      400,
      "missing required parameter format",
    ]);
    expect(await ask("POST", `/bridges/b/addChannel`)).toEqual([400, "missing required parameter channel"]);
    expect(await ask("PUT", `/channels`)).toEqual([405, "Invalid method"]);
    expect(await ask("GET", `/nothing/here`)).toEqual([404, "Resource not found"]);
    expect(await ask("POST", `/channels/${agentChannelId}/snoop?spy=both&app=x&snoop_id=y`)).toEqual([400, expect.stringContaining("no parameter 'snoop_id'")]);
  });
});
