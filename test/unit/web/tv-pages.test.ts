import { describe, expect, it } from "vitest";
import { packPages, rowsOf } from "@/components/wallboard/tv-pages";

describe("TV pages", () => {
  it("keeps sections that fit together on one page", () => {
    // 300 + 20 + 400 + 20 + 200 = 940 <= 1000
    expect(packPages(1000, 20, [{ height: 300 }, { height: 400 }, { height: 200 }])).toEqual([[{ section: 0 }, { section: 1 }, { section: 2 }]]);
  });

  it("starts a new page when the next section would pass the bottom", () => {
    // 600 + 20 + 400 = 1020 > 1000: the second section opens page 2, where 400 + 20 + 500 = 920 fits.
    expect(packPages(1000, 20, [{ height: 600 }, { height: 400 }, { height: 500 }])).toEqual([[{ section: 0 }], [{ section: 1 }, { section: 2 }]]);
  });

  it("cuts a tall list between rows, repeating what is above and below the list", () => {
    // Title 50 px above the rows, 10 px below; 7 rows of 100 px with 10 px gaps: 50 + 7*100 + 6*10 + 10 = 820 > 500.
    // Room for rows on a page: 500 - 50 - 10 = 440, so 4 rows (4*100 + 3*10 = 430) then 3 rows (320).
    const rows = Array.from({ length: 7 }, (_, i) => ({ top: 50 + i * 110, bottom: 150 + i * 110 }));
    const pages = packPages(500, 20, [{ height: 820, rows }]);
    expect(pages).toEqual([[{ section: 0, rows: { from: 0, to: 4 } }], [{ section: 0, rows: { from: 4, to: 7 } }]]);
  });

  it("lets the next section follow the last rows of a cut list when there is room", () => {
    // Page 2 of the list: 50 + 320 + 10 = 380; with a 20 px gap, a 100 px section fits (500).
    const rows = Array.from({ length: 7 }, (_, i) => ({ top: 50 + i * 110, bottom: 150 + i * 110 }));
    expect(packPages(500, 20, [{ height: 820, rows }, { height: 100 }])).toEqual([
      [{ section: 0, rows: { from: 0, to: 4 } }],
      [{ section: 0, rows: { from: 4, to: 7 } }, { section: 1 }],
    ]);
  });

  it("shrinks a tall section without rows onto a page of its own", () => {
    expect(packPages(500, 20, [{ height: 100 }, { height: 1000 }])).toEqual([[{ section: 0 }], [{ section: 1, scale: 0.5 }]]);
  });

  it("gives a row taller than the screen a page anyway", () => {
    expect(
      packPages(300, 10, [
        {
          height: 700,
          rows: [
            { top: 20, bottom: 420 },
            { top: 430, bottom: 690 },
          ],
        },
      ]),
    ).toEqual([[{ section: 0, rows: { from: 0, to: 1 } }], [{ section: 0, rows: { from: 1, to: 2 } }]]);
  });

  it("has no pages without sections", () => {
    expect(packPages(500, 20, [])).toEqual([]);
  });

  it("groups grid items sharing a top into one row, as deep as its deepest item", () => {
    expect(
      rowsOf([
        { top: 120, bottom: 200 },
        { top: 10, bottom: 100 },
        { top: 10, bottom: 110 },
        { top: 120, bottom: 190 },
      ]),
    ).toEqual([
      { top: 10, bottom: 110 },
      { top: 120, bottom: 200 },
    ]);
  });
});
