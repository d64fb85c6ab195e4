import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { callParams, limited, type StoreCallOptions } from "./store-call";

/**
 * ClickHouse returns 64-bit integers as JSON strings by default (and chDB may not),
 * so numeric columns accept both and become numbers. KPI sums stay far below 2^53.
 */
export const sqlNumber = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform((v) => Number(v))
  .pipe(z.number().finite());

/** UInt8 flags from ClickHouse booleans. */
export const sqlFlag = z.union([z.number(), z.boolean(), z.string()]).transform((v) => v === true || v === 1 || v === "1" || v === "true");

/**
 * Runs a parameterised query and validates every row, so a schema drift fails loudly here.
 * The query carries its kind's limits (query-limits.ts) and is cancelled with the request.
 */
export async function queryRows<S extends z.ZodType>(
  ch: ClickHouseClient,
  query: string,
  params: Record<string, unknown>,
  row: S,
  o: StoreCallOptions = {},
): Promise<z.output<S>[]> {
  return z.array(row).parse(await queryJson(ch, query, params, "JSONEachRow", o));
}

/** The rows as parsed JSON, unvalidated, in a JSON row format (JSONEachRow, or JSONCompactEachRow for arrays). */
export function queryJson(
  ch: ClickHouseClient,
  query: string,
  params: Record<string, unknown>,
  format: "JSONEachRow" | "JSONCompactEachRow",
  o: StoreCallOptions = {},
): Promise<unknown[]> {
  return limited(o, async () => {
    const rs = await ch.query({ query, query_params: params, format, ...callParams(o, {}, true) });
    return rs.json<unknown>();
  });
}
