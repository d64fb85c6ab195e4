import { AsteriskAdapter, type AsteriskAdapterOptions } from "@/ingest/asterisk/adapter";
import { AriClient } from "@/ingest/asterisk/ari-client";
import type { AsteriskFloor } from "@/ingest/asterisk/floor";
import type { CtiEvent } from "@/lib/events";
import { recordingContext } from "../../unit/helpers/platform-context";
import { holdLab, startedLab, stopLab, type LabEnv } from "./lab";

/**
 * The product's Asterisk adapter started against the real lab, as the lab tests use it: the
 * lab held for this file, started if it was stopped, the adapter's events collected in
 * `delivered` (which the test's floor reads, as the store would), and an ARI client of the
 * same app for looking at what is left in Asterisk.
 */
export type LabAdapter = {
  lab: LabEnv & Record<string, string>;
  adapter: AsteriskAdapter;
  client: AriClient;
  stop(): Promise<void>;
};

export async function startLabAdapter(o: {
  app: (lab: LabEnv & Record<string, string>) => string;
  floor: AsteriskFloor;
  delivered: CtiEvent[];
  options?: (lab: LabEnv & Record<string, string>) => Partial<AsteriskAdapterOptions>;
}): Promise<LabAdapter> {
  const release = await holdLab();
  const started = await startedLab();
  const lab = started.env as LabEnv & Record<string, string>;
  const ariConfig = { url: lab.ASTERISK_ARI_URL, user: lab.ASTERISK_ARI_USER, password: lab.ASTERISK_ARI_PASSWORD, app: o.app(lab) };
  const adapter = new AsteriskAdapter({
    ari: ariConfig,
    ami: { host: lab.ASTERISK_AMI_HOST, port: Number(lab.ASTERISK_AMI_PORT), user: lab.ASTERISK_AMI_USER, secret: lab.ASTERISK_AMI_SECRET },
    floor: o.floor,
    tenantId: "lab",
    source: "asterisk://lab",
    ...o.options?.(lab),
  });
  // The store "holds" everything up to now: only what this run makes becomes events.
  const { ctx } = recordingContext(Date.now());
  const into = async (events: CtiEvent[]) => void o.delivered.push(...events);
  await adapter.start({ ...ctx, events: { history: into, live: into } });
  return {
    lab,
    adapter,
    client: new AriClient(ariConfig),
    stop: async () => {
      await adapter.stop();
      if (started.startedHere) await stopLab();
      release();
    },
  };
}
