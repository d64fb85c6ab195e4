import { describe, expect, it } from "vitest";
import fixture from "./fixtures/operator-explain.json";
import { ALLOWED, REFUSED } from "./fixtures/operator-queries";
import { checkOperatorQuery } from "@/lib/store/operator-sql/check-operator-query";
import { parseExplainAst } from "@/lib/store/operator-sql/explain-tree";
import { buildCatalogue } from "@/lib/store/operator-sql/operator-catalogue";
import { OperatorQueryRefused } from "@/lib/store/operator-sql/operator-query-refused";
import { buildOperatorQuery, cteNames } from "@/lib/store/operator-sql/operator-query-text";

/**
 * The operator SQL check without an engine: the trees are chDB's own EXPLAIN AST output,
 * recorded by fixtures/record-operator-explain.ts; the integration test judges the same
 * kinds of query live.
 */
const PRODUCT_TABLES = ["cti_events", "queues", "agents", "contact_segments", "audit_log"];
const catalogue = buildCatalogue(
  "default",
  PRODUCT_TABLES,
  fixture.functions.map((f) => ({ name: f.name, aliasTo: f.alias_to, caseInsensitive: Number(f.case_insensitive) === 1, categories: f.categories })),
  fixture.combinators,
);

function judge(text: string): string {
  const recorded = fixture.queries.find((q) => q.text === text);
  if (!recorded) throw new Error(`not recorded: ${text} (run fixtures/record-operator-explain.ts)`);
  try {
    checkOperatorQuery(parseExplainAst(recorded.explain), catalogue, cteNames(recorded.formatted));
    return "allowed";
  } catch (e) {
    if (!(e instanceof OperatorQueryRefused)) throw e;
    return e.message;
  }
}

describe("checkOperatorQuery", () => {
  it.each(ALLOWED)("allows %s", (text) => {
    expect(judge(text)).toBe("allowed");
  });

  it.each(REFUSED)("refuses %s", (text, reason) => {
    expect(judge(text)).toMatch(reason);
  });

  it("refuses a tree whose wrapper is not exactly ours (something escaped the parentheses)", () => {
    const recorded = fixture.queries[0];
    if (!recorded) throw new Error("no fixture");
    // The same tree with a second table beside our subquery: `SELECT * FROM (...), file(...)`.
    const rows = [...recorded.explain];
    rows[5] = "   TablesInSelectQuery (children 2)";
    const settingsAt = rows.indexOf("   Set");
    rows.splice(settingsAt, 0, "    TablesInSelectQueryElement (children 1)", "     TableExpression (children 1)", "      TableIdentifier queues");
    expect(() => checkOperatorQuery(parseExplainAst(rows), catalogue, new Set())).toThrow(/one SELECT \(it added tables around it\)/);
  });
});

describe("parseExplainAst", () => {
  it("builds the tree from the indentation and checks each node's declared children", () => {
    const tree = parseExplainAst(["Function plus (children 1)", " ExpressionList (children 2)", "  Literal UInt64_1", "  Identifier x"]);
    expect(tree).toEqual({
      type: "Function",
      text: "plus",
      children: [
        {
          type: "ExpressionList",
          text: "",
          children: [
            { type: "Literal", text: "UInt64_1", children: [] },
            { type: "Identifier", text: "x", children: [] },
          ],
        },
      ],
    });
    expect(() => parseExplainAst(["ExpressionList (children 2)", " Literal UInt64_1"])).toThrow(OperatorQueryRefused);
    expect(() => parseExplainAst(["ExpressionList (children 1)", "   Literal UInt64_1"])).toThrow(/skips a level/);
    expect(() => parseExplainAst(["Literal UInt64_1", "Literal UInt64_2"])).toThrow(/two roots/);
    expect(() => parseExplainAst([])).toThrow(/empty/);
  });
});

describe("buildOperatorQuery", () => {
  it("wraps one statement in a subquery with the query's own limits, read-only unless the user already is", () => {
    const query = buildOperatorQuery("  SELECT 1 ;  ", { readonlyByUser: false });
    expect(query.startsWith("SELECT * FROM (\nSELECT 1\n)\nSETTINGS readonly = 1, max_execution_time = ")).toBe(true);
    expect(query).toMatch(/max_result_rows = \d+/);
    expect(buildOperatorQuery("SELECT 1", { readonlyByUser: true })).not.toMatch(/readonly/);
  });

  it.each([
    ["nothing", "", /empty/],
    ["two statements", "SELECT 1; SELECT 2", /one statement at a time/],
    ["a semicolon in a string", "SELECT ';'", /one statement at a time/],
    ["a NUL", "SELECT 1\u0000", /control characters/],
    ["an escape character", "SELECT 1\u001b", /control characters/],
    ["100,001 characters", `SELECT '${"x".repeat(100_001)}'`, /longer than/],
  ])("refuses %s", (_name, text, reason) => {
    expect(() => buildOperatorQuery(text, { readonlyByUser: false })).toThrow(reason);
  });
});

describe("cteNames", () => {
  it("finds the plain WITH subquery names in formatQuery's text, not expression aliases or strings", () => {
    const formatted =
      "WITH\n    `c d` AS\n    (\n        SELECT 1\n    ),\n    e AS\n    (\n        WITH\n            z AS\n            (\n                SELECT 3\n            )\n        SELECT *\n        FROM z\n    ),\n    5 AS f\nSELECT\n    (\n        SELECT 1\n    ) AS g,\n    'WITH x AS ('\nFROM `c d`";
    expect([...cteNames(formatted)].sort()).toEqual(["e", "z"]);
  });
});
