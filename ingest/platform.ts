import type { CtiEvent } from "@/lib/events";

/**
 * The boundary every event source sits behind: a real PBX adapter (Asterisk AMI/ARI,
 * FreeSWITCH ESL, a CSTA server) or the simulated PBX. The sink is where a batch of
 * validated-shape events goes next (the in-process bus or a Kafka producer); an
 * adapter awaits it before delivering more, which is its backpressure.
 */
export type EventSink = (events: CtiEvent[]) => void | Promise<void>;

export interface PlatformAdapter {
  readonly name: string;
  start(sink: EventSink): Promise<void>;
  stop(): Promise<void>;
}
