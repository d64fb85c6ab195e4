import { OperatorQueryRefused } from "./operator-query-refused";
import { OPERATOR_QUERY_LIMITS } from "./operator-policy";

export const MAX_OPERATOR_QUERY_CHARS = 100_000;

/**
 * The statement that will run for an operator's text: `SELECT * FROM (<text>)` with our
 * limits as its own SETTINGS clause (query-scoped: on chDB a SET would stick to the
 * process's one session). The same string is what EXPLAIN AST judges, so what was
 * checked is what runs. `readonly = 1` is sent unless the connection's user is already
 * read-only by its profile (a ClickHouse server refuses a change to `readonly` then).
 */
export function buildOperatorQuery(text: string, options: { readonlyByUser: boolean }): string {
  const query = text.trim().replace(/;\s*$/, "").trim();
  if (query.length === 0) throw new OperatorQueryRefused("empty query");
  if (query.length > MAX_OPERATOR_QUERY_CHARS) throw new OperatorQueryRefused(`query longer than ${MAX_OPERATOR_QUERY_CHARS} characters`);
  // chDB runs `a; b` as two statements, so no semicolon may reach it (write char(59) for one inside a string).
  if (query.includes(";")) throw new OperatorQueryRefused("one statement at a time: no ';' (inside a string, use char(59))");
  // eslint-disable-next-line no-control-regex -- the point is to find them: a NUL could cut the text short in the engine
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(query)) throw new OperatorQueryRefused("control characters are not allowed in a query");
  const settings = { ...(options.readonlyByUser ? {} : { readonly: 1 }), ...OPERATOR_QUERY_LIMITS };
  const clause = Object.entries(settings)
    .map(([k, v]) => `${k} = ${typeof v === "number" ? v : `'${v}'`}`)
    .join(", ");
  return `SELECT * FROM (\n${query}\n)\nSETTINGS ${clause}`;
}

/**
 * The plain names a query's WITH clauses define as subqueries, read from the engine's
 * own formatting of the query (formatQuery), where each one is a line `name AS`
 * followed by a line `(`. EXPLAIN AST does not print them. A name found here only lets
 * an unqualified name through, which resolves in the product database anyway.
 */
export function cteNames(formatted: string): Set<string> {
  const lines = formatted.split("\n");
  const names = new Set<string>();
  lines.forEach((line, i) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*) AS$/.exec(line);
    if (m?.[1] && /^\s*\($/.test(lines[i + 1] ?? "")) names.add(m[1]);
  });
  return names;
}
