import type { AstNode } from "./explain-tree";
import type { FunctionEntry, OperatorCatalogue } from "./operator-catalogue";
import { OperatorQueryRefused } from "./operator-query-refused";
import { ALLOWED_CATEGORIES, ALLOWED_FUNCTIONS, IN_FUNCTIONS, NODE_TYPES, SYNTAX_FUNCTIONS, SYSTEM_TABLES } from "./operator-policy";

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
function refuse(why: string): never {
  throw new OperatorQueryRefused(why);
}

/**
 * Judges the syntax tree of the query that will run (built by buildOperatorQuery:
 * `SELECT * FROM (<operator's text>) SETTINGS <ours>`). The wrapper must be exactly
 * ours, so nothing in the text escaped the parentheses; inside it every node kind,
 * table and function must be on an allow-list. `ctes` are the WITH names the query
 * defines (only plain names count: they can never be mistaken for `db.table`).
 */
export function checkOperatorQuery(root: AstNode, catalogue: OperatorCatalogue, ctes: ReadonlySet<string>): void {
  walk(operatorPart(root), { catalogue, ctes });
}

type Context = { catalogue: OperatorCatalogue; ctes: ReadonlySet<string> };

/** The operator's own SELECT inside our wrapper, or a refusal if the tree is not shaped like the wrapper. */
function operatorPart(root: AstNode): AstNode {
  const only = (node: AstNode | undefined, type: string): AstNode => {
    if (node?.type !== type) refuse("the query must be one SELECT (it changed the shape of the statement around it)");
    return node;
  };
  const [list, format, ...rest] = root.children;
  if (root.type !== "SelectWithUnionQuery" || rest.length > 0 || (format && !(format.type === "Identifier" && format.text === "JSONEachRow"))) {
    refuse("the query must be one SELECT (no FORMAT, INTO OUTFILE or trailing clauses)");
  }
  const outer = only(list, "ExpressionList");
  if (outer.children.length !== 1) refuse("the query must be one SELECT (no UNION around it)");
  const select = only(outer.children[0], "SelectQuery");
  const [columns, tables, settings] = select.children;
  if (select.children.length !== 3 || settings?.type !== "Set" || columns?.type !== "ExpressionList" || columns.children.map((c) => c.type).join() !== "Asterisk") {
    refuse("the query must be one SELECT (it changed the statement around it)");
  }
  const tableList = only(tables, "TablesInSelectQuery");
  if (tableList.children.length !== 1) refuse("the query must be one SELECT (it added tables around it)");
  const element = only(tableList.children[0], "TablesInSelectQueryElement");
  const expression = only(element.children.length === 1 ? element.children[0] : undefined, "TableExpression");
  const subquery = only(expression.children.length === 1 ? expression.children[0] : undefined, "Subquery");
  return only(subquery.children.length === 1 ? subquery.children[0] : undefined, "SelectWithUnionQuery");
}

function walk(node: AstNode, ctx: Context): void {
  if (node.type === "Set") refuse("SETTINGS are not allowed in operator queries: the limits are fixed");
  if (node.type === "ColumnsTransformerList" && node.children.some((c) => c.type === "ColumnsApplyTransformer")) {
    refuse("APPLY(...) is not allowed in operator queries: name the function on each column instead");
  }
  if (!NODE_TYPES.has(node.type)) refuse(`${node.type} is not allowed in operator queries`);
  if (node.type === "TableIdentifier") checkTable(tableName(node.text), ctx);
  if (node.type === "TableExpression") {
    for (const child of node.children) {
      if (child.type === "Function") refuse(`table function ${functionName(child)}() is not allowed: operator queries read the product's tables only`);
    }
  }
  if (node.type === "Function") {
    const name = functionName(node);
    checkFunction(name, ctx.catalogue);
    const rightSide = IN_FUNCTIONS.has(name) ? node.children[0]?.children[1] : undefined;
    // `x IN t` reads table t: the same rule as FROM t.
    if (rightSide?.type === "Identifier") checkTable(rightSide.text, ctx);
  }
  for (const child of node.children) walk(child, ctx);
}

/** "cti_events (alias e)" -> "cti_events". */
const tableName = (text: string) => text.replace(/ \(alias .*\)$/, "");
const functionName = (node: AstNode) => node.text.split(" ")[0] ?? "";

function checkTable(name: string, { catalogue, ctes }: Context): void {
  const parts = name.split(".");
  if (!parts.every((p) => PLAIN.test(p))) refuse(`table ${JSON.stringify(name)} is not one of the product's tables (names are plain identifiers)`);
  if (parts.length === 1 && (ctes.has(name) || catalogue.tables.has(name))) return;
  const [database, table] = parts;
  if (parts.length === 2 && database !== undefined && table !== undefined) {
    if (database === catalogue.database && catalogue.tables.has(table)) return;
    if (database === "system" && SYSTEM_TABLES.has(table)) return;
    if (database === "system") refuse(`system.${table} is not readable by operator queries; allowed: ${[...SYSTEM_TABLES].map((t) => `system.${t}`).join(", ")}`);
  }
  refuse(`table ${name} is not one of the product's tables (${[...catalogue.tables].sort().join(", ")})`);
}

function checkFunction(name: string, catalogue: OperatorCatalogue): void {
  if (SYNTAX_FUNCTIONS.has(name)) return;
  const entry = resolve(name, catalogue);
  if (!entry) refuse(`function ${name}() is unknown or not allowed in operator queries`);
  const { name: canonical, categories } = entry;
  if (ALLOWED_FUNCTIONS.has(canonical)) return;
  const families = categories.split(",").map((c) => c.trim());
  if (families.every((c) => ALLOWED_CATEGORIES.has(c))) return;
  refuse(`function ${name}() is not allowed in operator queries (${categories || "uncategorised"}: only functions that compute on their arguments may run)`);
}

/** The catalogue entry a call resolves to: exact name, then case-insensitive, then aliases, then `<aggregate><Combinator>`. */
function resolve(name: string, catalogue: OperatorCatalogue, depth = 0): FunctionEntry | undefined {
  if (depth > 8) return undefined;
  const found = catalogue.functions.get(name) ?? catalogue.functionsLower.get(name.toLowerCase());
  if (found) return found.aliasTo ? resolve(found.aliasTo, catalogue, depth + 1) : found;
  for (const combinator of catalogue.combinators) {
    if (name.length > combinator.length && name.endsWith(combinator)) {
      const base = resolve(name.slice(0, -combinator.length), catalogue, depth + 1);
      if (base?.categories === "Aggregate Functions") return base;
    }
  }
  return undefined;
}
