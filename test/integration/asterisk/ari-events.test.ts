import { afterEach, describe, expect, it } from "vitest";
import { AriClient } from "@/ingest/asterisk/ari-client";
import { AriEventStream } from "@/ingest/asterisk/ari-events";
import { FAKE_ARI, startFakeLab, type FakeLab } from "../../fakes/asterisk/fake-lab";
import { waitFor } from "./lab";

/**
 * ARI's event stream over a real socket to the fake Asterisk: a connection that stops answering
 * pings (half-open) is noticed and ended as a drop, and one caller's deadline during an open
 * fails no other caller.
 */
let lab: FakeLab | undefined;
let stream: AriEventStream | undefined;
afterEach(async () => {
  await stream?.close();
  stream = undefined;
  await lab?.stop();
  lab = undefined;
});

const eventsUrl = (l: FakeLab) => new AriClient({ url: l.ariUrl, ...FAKE_ARI }).eventsUrl();

describe("the ARI event stream", () => {
  it("pings, ends a connection whose pings go unanswered as a drop, and opens again afterwards", async () => {
    const l = (lab = await startFakeLab());
    const s = (stream = new AriEventStream(eventsUrl(l), { pingMs: 200 }));
    await s.connect(AbortSignal.timeout(5_000));
    const dropped = new Promise<string>((resolve) => s.onClose(resolve));
    const from = l.ariServer.pings;
    await waitFor("two pings answered", () => (l.ariServer.pings - from >= 2 ? true : undefined), 10_000, 10);
    expect(s.connected).toBe(true);
    // The connection goes half-open: nothing comes back from Asterisk, not even a pong.
    l.ariServer.stallEventSockets(true);
    expect(await dropped).toBe("gave no answer to a ping within 200 ms (ended by us)");
    expect(s.connected).toBe(false);
    l.ariServer.stallEventSockets(false);
    await s.connect(AbortSignal.timeout(5_000));
    expect(s.connected).toBe(true);
  });

  it("opens once for concurrent callers, and a caller whose deadline passes during the open fails alone", async () => {
    const l = (lab = await startFakeLab());
    const s = (stream = new AriEventStream(eventsUrl(l)));
    const slow = l.ariServer.holdNext("eventWebsocket");
    const hasty = new AbortController();
    const first = s.connect(hasty.signal);
    const second = s.connect(AbortSignal.timeout(10_000));
    await slow.arrived;
    hasty.abort();
    await expect(first).rejects.toMatchObject({ code: "timeout" });
    slow.release();
    await second;
    expect(s.connected).toBe(true);
    // One upgrade served both: the app has the lab adapter's socket and this one.
    expect(l.asterisk.apps.get(FAKE_ARI.app)?.size).toBe(2);
  });
});
