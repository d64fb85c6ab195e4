import { describe, expect, it } from "vitest";
import { MigrationError, plan, splitStatements } from "@/sql/migrate";

describe("splitStatements", () => {
  it("splits at semicolons ending a line and drops comments", () => {
    expect(splitStatements("-- a table\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n\n-- b\nSELECT 'x;y';\n")).toEqual([
      "CREATE TABLE a (x UInt8) ENGINE = Memory",
      "SELECT 'x;y'",
    ]);
  });
});

describe("plan", () => {
  const files = [
    { name: "0001_a.sql", checksum: "aaa", statements: [] },
    { name: "0002_b.sql", checksum: "bbb", statements: [] },
  ];
  it("applies what has not run, in order", () => {
    expect(plan(files, [{ name: "0001_a.sql", checksum: "aaa" }]).map((m) => m.name)).toEqual(["0002_b.sql"]);
  });
  it("refuses when an applied file changed or vanished", () => {
    expect(() => plan(files, [{ name: "0001_a.sql", checksum: "zzz" }])).toThrow(/0001_a\.sql has changed/);
    expect(() => plan(files, [{ name: "0000_gone.sql", checksum: "x" }])).toThrow(MigrationError);
  });
});
