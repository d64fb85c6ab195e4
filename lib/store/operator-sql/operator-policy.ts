import { QUERY_LIMITS } from "../query-limits";

/**
 * What an operator's ad-hoc query may use (docs/operator-sql.md). Allow-lists throughout:
 * a name that is not listed here, or not in the engine's own catalogue, is refused.
 */

/**
 * System tables an operator needs to look at the store itself: its tables, columns,
 * parts, merges and mutations. Not query_log (other people's queries), not settings,
 * users, grants, disks, processes or anything else.
 */
export const SYSTEM_TABLES: ReadonlySet<string> = new Set(["one", "tables", "columns", "parts", "parts_columns", "merges", "mutations"]);

/**
 * Function families (system.functions `categories`) that compute on their arguments
 * only. Not: Other (file(), sleep(), getSetting(), joinGet(), hostName() ...),
 * Dictionary and Embedded Dictionary (dictGet may reach an outside source),
 * Introspection, Internal, Machine Learning (models load from files) and AI (calls
 * out to a model provider). A function in several categories needs every one listed.
 */
export const ALLOWED_CATEGORIES: ReadonlySet<string> = new Set([
  "Aggregate Functions",
  "Arithmetic",
  "Arrays",
  "Bit",
  "Bitmap",
  "Comparison",
  "Conditional",
  "Dates and Times",
  "Distance",
  "Encoding",
  "Encryption",
  "Financial",
  "Geo",
  "Geo Polygon",
  "Hash",
  "IP Address",
  "JSON",
  "Logical",
  "Map",
  "Mathematical",
  "Null",
  "NumericIndexedVector",
  "QBit",
  "Random Number",
  "Rounding",
  "String",
  "String Replacement",
  "String Search",
  "String Splitting",
  "Time Series",
  "Time Window",
  "Tuple",
  "Type Conversion",
  "URL",
  "UUID",
]);

/** Harmless functions from the refused families that operators reach for (the product's own queries use transform()). */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  "transform",
  "toTypeName",
  "toColumnTypeName",
  "formatReadableSize",
  "formatReadableDecimalSize",
  "formatReadableQuantity",
  "formatReadableTimeDelta",
  "parseReadableSize",
  "parseReadableSizeOrNull",
  "parseReadableSizeOrZero",
  "parseTimeDelta",
  "bar",
  "currentDatabase",
  "materialize",
  "ignore",
  "isConstant",
  "identity",
  "throwIf",
  "runningDifference",
  "runningDifferenceStartingWithFirstValue",
  "neighbor",
  "rowNumberInBlock",
  "rowNumberInAllBlocks",
  "finalizeAggregation",
  "initializeAggregation",
  "runningAccumulate",
  "variantElement",
  "variantType",
  "getSubcolumn",
  "countDigits",
  "isDecimalOverflow",
  "visibleWidth",
  "byteSize",
  "errorCodeToName",
  "caseWithExpression", // CASE x WHEN ...
  "_CAST",
]);

/** What the parser writes for syntax that is not a catalogue function: `x -> ...`, EXISTS (...), GROUPING(...). */
export const SYNTAX_FUNCTIONS: ReadonlySet<string> = new Set(["lambda", "exists", "grouping"]);

/** Functions whose second argument names a table when it is a bare identifier (`x IN t`). */
export const IN_FUNCTIONS: ReadonlySet<string> = new Set(
  ["in", "notIn", "nullIn", "notNullIn", "globalIn", "globalNotIn", "globalNullIn", "globalNotNullIn"].flatMap((f) => [f, `${f}IgnoreSet`]),
);

/** EXPLAIN AST node kinds a SELECT may contain; anything else (SETTINGS' `Set`, APPLY(f), ...) is refused. */
export const NODE_TYPES: ReadonlySet<string> = new Set([
  "SelectWithUnionQuery",
  "SelectIntersectExceptQuery",
  "SelectQuery",
  "ExpressionList",
  "Function",
  "Identifier",
  "Literal",
  "Asterisk",
  "QualifiedAsterisk",
  "ColumnsRegexpMatcher",
  "ColumnsListMatcher",
  "QualifiedColumnsRegexpMatcher",
  "QualifiedColumnsListMatcher",
  "ColumnsTransformerList",
  "ColumnsExceptTransformer",
  "ColumnsReplaceTransformer",
  "ColumnsReplaceTransformer::Replacement",
  "TablesInSelectQuery",
  "TablesInSelectQueryElement",
  "TableExpression",
  "TableIdentifier",
  "TableJoin",
  "ArrayJoin",
  "Subquery",
  "WithElement",
  "WindowDefinition",
  "WindowListElement",
  "OrderByElement",
  "SampleRatio",
  "InterpolateElement",
]);

/**
 * Bounds for one operator query, sent as the query's own SETTINGS clause: per query,
 * so they never stick to chDB's shared session. Time and memory are the `operator`
 * kind's in the one table of query limits (../query-limits.ts); the result bounds are
 * this path's own.
 */
export const OPERATOR_QUERY_LIMITS = {
  max_execution_time: QUERY_LIMITS.operator.seconds,
  max_result_rows: 100_000,
  max_result_bytes: 256 * 1024 * 1024,
  result_overflow_mode: "throw",
  max_memory_usage: QUERY_LIMITS.operator.memoryBytes,
} as const;
