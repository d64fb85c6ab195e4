import { afterEach, describe, expect, it } from "vitest";
import { AmiClient } from "@/ingest/asterisk/ami-client";
import { FAKE_AMI, startFakeLab, type FakeLab } from "../../fakes/asterisk/fake-lab";
import { waitFor } from "./lab";

/**
 * The AMI client's session: one login shared by whoever asks meanwhile, nothing sent on a
 * session before its Login is answered, and a session whose login failed or hung never kept.
 */
let lab: FakeLab | undefined;
afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

describe("the AMI client's login", () => {
  it("sends nothing on a session whose Login hangs, drops that session, and logs in afresh for the next action", async () => {
    lab = await startFakeLab();
    const server = lab.amiServer;
    const ami = new AmiClient({ host: "127.0.0.1", port: server.port, ...FAKE_AMI }, 300);
    try {
      const before = server.actions.length;
      const sent = () => server.actions.slice(before).map((a) => a.Action);
      server.stallNextLogin();
      // The first caller's deadline passes during the login; the login goes on for those who come next.
      await expect(ami.action({ Action: "QueueStatus" }, AbortSignal.timeout(50))).rejects.toMatchObject({ code: "timeout" });
      const second = ami.action({ Action: "QueueStatus" }, AbortSignal.timeout(5_000));
      // The login's own timeout (300 ms here) ends it, long before the second caller's deadline.
      await expect(second).rejects.toMatchObject({ code: "timeout", message: "AMI did not answer Login in time" });
      expect(sent()).toEqual(["Login"]);
      await waitFor("the hung session closed by the client", () => (server.connections === 0 ? true : undefined), 5_000, 10);
      const [a, b] = await Promise.all([
        ami.action({ Action: "QueueStatus" }, AbortSignal.timeout(5_000)),
        ami.action({ Action: "QueueStatus", Queue: "support" }, AbortSignal.timeout(5_000)),
      ]);
      expect([a.response.Response, b.response.Response]).toEqual(["Success", "Success"]);
      // One new session, logged in once for both callers, before either action went out.
      expect(sent()).toEqual(["Login", "Login", "QueueStatus", "QueueStatus"]);
      expect(server.connections).toBe(1);
    } finally {
      ami.close();
    }
  });

  it("closes a session whose Login was refused, and tries a new one next time", async () => {
    lab = await startFakeLab();
    const server = lab.amiServer;
    const ami = new AmiClient({ host: "127.0.0.1", port: server.port, ...FAKE_AMI, secret: "wrong" });
    try {
      for (let i = 0; i < 2; i++) {
        await expect(ami.action({ Action: "QueueStatus" }, AbortSignal.timeout(5_000))).rejects.toMatchObject({ code: "not_permitted" });
      }
      expect(server.actions.map((a) => a.Action)).toEqual(["Login", "Login"]);
      await waitFor("the refused sessions closed", () => (server.connections === 0 ? true : undefined), 5_000, 10);
    } finally {
      ami.close();
    }
  });
});
