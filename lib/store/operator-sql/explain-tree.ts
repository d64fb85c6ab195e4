import { OperatorQueryRefused } from "./operator-query-refused";

/**
 * One node of ClickHouse's `EXPLAIN AST` output: its kind ("Function", "TableIdentifier",
 * ...), the text after the kind with the "(children N)" count removed, and its children.
 */
export type AstNode = { type: string; text: string; children: AstNode[] };

const LINE = /^( *)(\S+)(?: (.*))?$/;
const CHILDREN = /(?:^| )\(children (\d+)\)$/;

/**
 * Builds the tree from EXPLAIN AST's rows: one node per row, indented one space per
 * level. ClickHouse escapes literals (a newline in a string prints as `\n`), so a row
 * is always one node; the declared child counts are checked too, so a tree that does
 * not add up is refused rather than guessed at.
 */
export function parseExplainAst(rows: readonly string[]): AstNode {
  const stack: { node: AstNode; declared: number }[] = [];
  let root: AstNode | undefined;
  const closeTo = (depth: number) => {
    while (stack.length > depth) {
      const done = stack.pop();
      if (done && done.node.children.length !== done.declared) throw malformed(`${done.node.type} declares ${done.declared} children`);
    }
  };
  for (const row of rows) {
    const m = LINE.exec(row);
    if (!m) throw malformed(`unexpected row ${JSON.stringify(row)}`);
    const [, indent = "", type = "", rest = ""] = m;
    const declared = CHILDREN.exec(rest)?.[1];
    const depth = indent.length;
    const node: AstNode = { type, text: rest.replace(CHILDREN, ""), children: [] };
    if (depth === 0) {
      if (root) throw malformed("two roots");
      root = node;
    } else {
      if (depth > stack.length) throw malformed(`row ${JSON.stringify(row)} skips a level`);
      closeTo(depth);
      stack[depth - 1]?.node.children.push(node);
    }
    closeTo(depth);
    stack.push({ node, declared: declared === undefined ? 0 : Number(declared) });
  }
  closeTo(0);
  if (!root) throw malformed("empty");
  return root;
}

const malformed = (why: string) => new OperatorQueryRefused(`could not read the query's syntax tree (${why})`);
