import { Readable } from "node:stream";
import type { ClickHouseClient } from "@clickhouse/client";

/** The one method of chDB's connection extension used here: bytes handed to the engine without a copy. */
export type ChdbRawInsert = (params: { table: string; values: Buffer; format: "JSONEachRow"; settings: InsertSettings }) => Promise<unknown>;
export type InsertSettings = Record<string, string | number>;

const rawInserts = new WeakMap<ClickHouseClient, ChdbRawInsert>();

/** Called by client.ts for an embedded client, so inserts through it can skip the client's encoding. */
export function registerChdbRawInsert(ch: ClickHouseClient, rawInsert: ChdbRawInsert): void {
  rawInserts.set(ch, rawInsert);
}

/**
 * Inserts newline-separated JSON objects that are already bytes (JSONEachRow),
 * without turning them into objects and back. On embedded chDB the buffer goes to
 * the engine as it is and its parallel parser reads it; the settings travel in the
 * INSERT's own SETTINGS clause, so, unlike the client's settings (a SET in chDB's
 * one shared session), they cannot outlive this insert. On a ClickHouse server the
 * bytes are the HTTP body. The settings must include everything the insert relies
 * on: the client's defaults do not apply on the chDB path.
 */
export async function insertJsonLines(ch: ClickHouseClient, table: string, body: Buffer, settings: InsertSettings): Promise<void> {
  if (body.length === 0) return;
  const rawInsert = rawInserts.get(ch);
  if (rawInsert) {
    await rawInsert({ table, values: body, format: "JSONEachRow", settings });
    return;
  }
  const result = await ch.exec({ query: `INSERT INTO ${table} FORMAT JSONEachRow`, values: Readable.from([body]), clickhouse_settings: settings });
  // The answer to an INSERT is empty, but the socket is released only once it is read.
  result.stream.resume();
  await new Promise<void>((resolve, reject) => result.stream.on("end", resolve).on("error", reject));
}
