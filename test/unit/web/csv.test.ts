import { describe, expect, it } from "vitest";
import { csvField, parseCsv, toCsv } from "@/lib/csv/csv";

describe("CSV (RFC 4180) with formula-injection guard", () => {
  it("quotes only what needs quoting and ends lines with CRLF", () => {
    expect(
      toCsv([
        ["a", "b"],
        ["1", "2"],
      ]),
    ).toBe("a,b\r\n1,2\r\n");
    expect(csvField("x,y")).toBe('"x,y"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("")).toBe("");
  });

  it("prefixes cells a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+441234")).toBe("'+441234");
    expect(csvField("-5")).toBe("'-5");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tcmd")).toBe("'\tcmd");
    expect(csvField("a=b")).toBe("a=b");
  });

  it("parses back what it writes", () => {
    const rows = [
      ["h1", "h,2", 'q"uote'],
      ["multi\r\nline", "", "x"],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
