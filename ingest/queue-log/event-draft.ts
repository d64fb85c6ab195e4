import { SPEC_VERSION, type CtiEvent } from "@/lib/events";
import { EventIds } from "./event-id";

type HeaderKey = "specVersion" | "id" | "source" | "tenantId";
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event without the envelope fields every event of one import shares. */
export type EventDraft = DistributiveOmit<CtiEvent, HeaderKey>;

/** Receives the events one producer (a line, a timer) gives rise to, in order. */
export type Emit = (draft: EventDraft) => void;

/** An Emit that completes drafts with the import's header and the producer's deterministic ids. */
export function emitterFor(header: { source: string; tenantId: string }, producer: string, into: CtiEvent[]): Emit {
  const ids = new EventIds(header, producer);
  return (draft) => {
    into.push({ ...draft, specVersion: SPEC_VERSION, id: ids.next(draft.type), source: header.source, tenantId: header.tenantId });
  };
}
