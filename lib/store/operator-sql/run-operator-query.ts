import type { ClickHouseClient } from "@clickhouse/client";
import { checkOperatorQuery } from "./check-operator-query";
import { parseExplainAst } from "./explain-tree";
import { OperatorQueryRefused } from "./operator-query-refused";
import { buildOperatorQuery, cteNames } from "./operator-query-text";
import { readCatalogue } from "./read-catalogue";

export type OperatorQueryOptions = {
  /** The connection's user is read-only by its settings profile (CLICKHOUSE_READONLY_USER); see buildOperatorQuery. */
  readonlyByUser?: boolean;
};

/**
 * Runs an operator's ad-hoc query (npm run ch) so that it can only read the product's
 * tables: ClickHouse's own parser reads the exact statement that will run (EXPLAIN AST
 * executes nothing), the tree is judged against allow-lists (check-operator-query.ts),
 * and only then does it run, bounded and `readonly` for that one query. Rows come back
 * as parsed JSON objects.
 */
export async function runOperatorQuery(ch: ClickHouseClient, text: string, options: OperatorQueryOptions = {}): Promise<unknown[]> {
  const query = buildOperatorQuery(text, { readonlyByUser: options.readonlyByUser === true });
  // As a subquery, EXPLAIN's rows come back in the requested format (a bare EXPLAIN
  // would take the client's FORMAT clause as the explained query's own). Lexing has no
  // context, so once the statement itself parses (it runs only if it does), the
  // parentheses around it close exactly where ours do: both see the same tokens.
  const explained = await ch.query({ query: `SELECT explain FROM (EXPLAIN AST ${query})`, format: "JSONEachRow" }).then(
    (rs) => rs.json<{ explain: string }>(),
    (e: unknown) => {
      throw new OperatorQueryRefused(`not one SELECT statement: ${(e as Error).message}`);
    },
  );
  const [catalogue, formatted] = await Promise.all([
    readCatalogue(ch),
    ch.query({ query: "SELECT formatQuery({q:String}) AS f", query_params: { q: query }, format: "JSONEachRow" }).then((rs) => rs.json<{ f: string }>()),
  ]);
  const tree = parseExplainAst(explained.map((row) => row.explain));
  checkOperatorQuery(tree, catalogue, cteNames(formatted[0]?.f ?? ""));
  const rs = await ch.query({ query, format: "JSONEachRow" });
  return rs.json<unknown>();
}
