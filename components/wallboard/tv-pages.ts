/**
 * TV mode's pages, as pure arithmetic over measured heights: which sections (and
 * which rows of a long list) share a screen. Sections are kept whole and in order
 * where they fit; a section taller than the screen is cut between rows of its list
 * into several pages; one with no list that still does not fit gets a page to
 * itself, shrunk to fit (`scale` < 1).
 */

/** A row of a section's list: top and bottom in px from the section's top. */
export type RowBox = { top: number; bottom: number };

export type SectionBox = {
  /** Full height with every row shown. */
  height: number;
  /** Rows of its list (sorted by top), when it has one that may be split. */
  rows?: readonly RowBox[];
};

/** A section on a page: all of it, or rows [from, to) of its list; `scale` shrinks one that cannot fit. */
export type PagePart = { section: number; rows?: { from: number; to: number }; scale?: number };
export type TvPage = PagePart[];

type Unit = PagePart & { height: number };

function unitsOf(section: number, box: SectionBox, stage: number): Unit[] {
  if (box.height <= stage) return [{ section, height: box.height }];
  const rows = box.rows ?? [];
  if (rows.length === 0) return [{ section, height: stage, scale: stage / box.height }];
  // Everything but the list (title above, margins below) goes on every page of the section.
  const first = rows[0] as RowBox;
  const last = rows[rows.length - 1] as RowBox;
  const above = first.top;
  const below = box.height - last.bottom;
  const room = stage - above - below;
  const units: Unit[] = [];
  let from = 0;
  while (from < rows.length) {
    const start = (rows[from] as RowBox).top;
    let to = from + 1;
    // At least one row a page, even a row taller than the room (it is then cut at the screen's edge).
    while (to < rows.length && (rows[to] as RowBox).bottom - start <= room) to += 1;
    const height = above + (rows[to - 1] as RowBox).bottom - start + below;
    units.push({ section, rows: { from, to }, height: Math.min(height, stage) });
    from = to;
  }
  return units;
}

/** Packs the sections into pages no taller than `stage`, `gap` px apart, in their order. */
export function packPages(stage: number, gap: number, sections: readonly SectionBox[]): TvPage[] {
  const pages: TvPage[] = [];
  let page: TvPage = [];
  let used = 0;
  for (const [i, box] of sections.entries()) {
    for (const { height, ...part } of unitsOf(i, box, stage)) {
      const need = page.length === 0 ? height : used + gap + height;
      if (page.length > 0 && need > stage) {
        pages.push(page);
        page = [];
        used = height;
      } else {
        used = need;
      }
      page.push(part);
    }
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** Groups item boxes (top, bottom in px from their section's top) into rows: items sharing a top are one row of a grid. */
export function rowsOf(items: readonly RowBox[]): RowBox[] {
  const rows: RowBox[] = [];
  for (const item of [...items].sort((a, b) => a.top - b.top)) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row.top - item.top) < 1) row.bottom = Math.max(row.bottom, item.bottom);
    else rows.push({ top: item.top, bottom: item.bottom });
  }
  return rows;
}
