import type { ClickHouseClient } from "@clickhouse/client";
import { buildCatalogue, type FunctionEntry, type OperatorCatalogue } from "./operator-catalogue";

type FunctionRow = { name: string; alias_to: string; case_insensitive: number; categories: string };

/**
 * The engine's own catalogue for this connection: the tables of its current database
 * (the product's: `default` in chDB, CLICKHOUSE_DATABASE on a server), the built-in
 * functions (user-defined ones are left out, so they are refused) and the aggregate
 * combinators. Read per query: operator queries are rare and the tables may have
 * changed since the last one (a migration).
 */
export async function readCatalogue(ch: ClickHouseClient): Promise<OperatorCatalogue> {
  const rows = async <T>(query: string) => (await ch.query({ query, format: "JSONEachRow" })).json<T>();
  const [[db], tables, functions, combinators] = await Promise.all([
    rows<{ db: string }>("SELECT currentDatabase() AS db"),
    rows<{ name: string }>("SELECT name FROM system.tables WHERE database = currentDatabase() AND NOT is_temporary"),
    rows<FunctionRow>("SELECT name, alias_to, case_insensitive, categories FROM system.functions WHERE origin = 'System'"),
    rows<{ name: string }>("SELECT name FROM system.aggregate_function_combinators"),
  ]);
  const entries: FunctionEntry[] = functions.map((f) => ({
    name: f.name,
    aliasTo: f.alias_to,
    caseInsensitive: Number(f.case_insensitive) === 1,
    categories: f.categories,
  }));
  return buildCatalogue(
    db?.db ?? "",
    tables.map((t) => t.name),
    entries,
    combinators.map((c) => c.name),
  );
}
