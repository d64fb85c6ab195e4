/** A function as system.functions describes it. */
export type FunctionEntry = { name: string; aliasTo: string; caseInsensitive: boolean; categories: string };

/**
 * What the engine itself says exists, read at run time (see read-catalogue.ts): the
 * product database and its tables, the functions and the aggregate combinators
 * (`If`, `State`, ...). Nothing here is a hand copy that could drift from the engine.
 */
export type OperatorCatalogue = {
  database: string;
  tables: ReadonlySet<string>;
  functions: ReadonlyMap<string, FunctionEntry>;
  /** Case-insensitive functions by lower-cased name (`COUNT`, `Sum`). */
  functionsLower: ReadonlyMap<string, FunctionEntry>;
  /** Longest first, so `MergeState` is tried before `State`. */
  combinators: readonly string[];
};

export function buildCatalogue(database: string, tables: Iterable<string>, functions: Iterable<FunctionEntry>, combinators: Iterable<string>): OperatorCatalogue {
  const all = [...functions];
  return {
    database,
    tables: new Set(tables),
    functions: new Map(all.map((f) => [f.name, f])),
    functionsLower: new Map(all.filter((f) => f.caseInsensitive).map((f) => [f.name.toLowerCase(), f])),
    combinators: [...combinators].sort((a, b) => b.length - a.length),
  };
}
