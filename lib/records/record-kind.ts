import type { ClickHouseClient } from "@clickhouse/client";
import type { z } from "zod";
import type { Actor } from "@/lib/audit/write-audit";

/**
 * What the edit module needs to know about one kind of edited record (queue KPI
 * settings, wallboard thresholds, later QA forms and scores). The record's
 * versions live in record_versions (the source of truth, see claim-version.ts);
 * the kind's own table is a projection of the latest one, which the readers of
 * that kind (KPI queries, the live floor) read.
 */

export type RecordKey = { tenantId: string; recordId: string };

/** A record's state at one version. Version 0 is a record never saved (its state then is what applies by default). */
export type Versioned<S> = { version: number; state: S; at: number };

/** One claimed version, as stored: what it changed from and to, by whom and when. */
export type Claim<S> = { version: number; editId: string; at: number; actor: Actor; before: S; state: S };

export type RecordKind<S> = {
  /** Stored in record_versions.kind; never rename one in use. */
  kind: string;
  /** The record in messages: `queue "support"`. */
  describe(recordId: string): string;
  /** Parses a state stored in a claim (JSON): lenient, since it was validated when it was written. */
  stateSchema: z.ZodType<S>;
  sameState(a: S, b: S): boolean;
  /** The projection's current row; undefined when there is no such record (an edit is then NotFound). */
  readProjection(ch: ClickHouseClient, key: RecordKey): Promise<Versioned<S> | undefined>;
  /** Writes one version's row. Must be safe to repeat, and a later version's row must win over it. */
  writeProjection(ch: ClickHouseClient, key: RecordKey, v: Versioned<S>, actor: Actor): Promise<void>;
  audit: {
    /** The audit action; a function where one kind's edits mean different things (an evaluation's create, submit, dispute). */
    action: string | ((before: Versioned<S>, after: Versioned<S>) => string);
    target(recordId: string): string;
    /** The audit row's details (lib/audit adds the actor's name). */
    details(before: Versioned<S>, after: Versioned<S>): Record<string, unknown>;
  };
};
