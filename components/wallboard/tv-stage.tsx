"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { packPages, rowsOf, type RowBox, type TvPage } from "./tv-pages";
import styles from "./wallboard.module.css";

/**
 * TV mode's screen below the header: shows as many of the board's sections as fit
 * and pages through the rest by itself every `pageSeconds`. Generic over whatever
 * the board renders: a section is any top-level `[data-section]` element; a long
 * one is cut between the rows of its `[data-tv-list]` element's children (a grid's
 * tiles, a table body's rows). Layout is measured in the DOM with every section
 * shown, then parts are hidden with `data-tv-off`, all in one task, so nothing
 * flickers; it is redone on each page turn and whenever rows come or go.
 */
export function TvStage({ pageSeconds, children }: { pageSeconds: number; children: ReactNode }) {
  const stageRef = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState({ index: 0, count: 1 });

  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    let index = 0;
    let frame = 0;
    const layout = () => {
      frame = 0;
      const { pages, sections, items } = measure(stage);
      if (pages.length === 0) return setShown({ index: 0, count: 0 });
      index %= pages.length;
      apply(pages[index] as TvPage, sections, items);
      setShown({ index, count: pages.length });
    };
    const later = () => {
      if (frame === 0) frame = requestAnimationFrame(layout);
    };
    layout();
    // Rows arriving or leaving (a call ends, an agent logs on) change the pages.
    const mutations = new MutationObserver(later);
    mutations.observe(stage, { childList: true, subtree: true });
    const resize = new ResizeObserver(later);
    resize.observe(stage);
    const turn = setInterval(() => {
      index += 1;
      layout();
    }, pageSeconds * 1000);
    return () => {
      clearInterval(turn);
      mutations.disconnect();
      resize.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [pageSeconds]);

  return (
    <>
      <div ref={stageRef} className={styles.tvStage} data-testid="tv-stage" data-page={shown.index + 1} data-pages={shown.count}>
        {children}
      </div>
      {shown.count > 1 && (
        <p className={styles.tvPager} data-testid="tv-pager">
          Page {shown.index + 1} of {shown.count} · turns every {pageSeconds} s
        </p>
      )}
    </>
  );
}

type Measured = { pages: TvPage[]; sections: HTMLElement[]; items: { el: HTMLElement; row: number }[][] };

function measure(stage: HTMLElement): Measured {
  for (const el of stage.querySelectorAll<HTMLElement>("[data-tv-off]")) el.removeAttribute("data-tv-off");
  const sections = [...stage.querySelectorAll<HTMLElement>("[data-section]")].filter((s) => !s.parentElement?.closest("[data-section]"));
  for (const s of sections) s.style.removeProperty("zoom");
  const items: Measured["items"] = [];
  const boxes = sections.map((s) => {
    const sectionTop = s.getBoundingClientRect().top;
    const list = s.querySelector<HTMLElement>("[data-tv-list]");
    const els = list ? [...list.children].filter((c): c is HTMLElement => c instanceof HTMLElement) : [];
    const boxes: RowBox[] = els.map((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top - sectionTop, bottom: r.bottom - sectionTop };
    });
    const rows = rowsOf(boxes);
    items.push(els.map((el, i) => ({ el, row: rows.findIndex((r) => Math.abs(r.top - (boxes[i] as RowBox).top) < 1) })));
    return { height: s.getBoundingClientRect().height, rows };
  });
  const gap = parseFloat(getComputedStyle(stage).rowGap) || 0;
  return { pages: packPages(stage.clientHeight, gap, boxes), sections, items };
}

function apply(page: TvPage, sections: HTMLElement[], items: Measured["items"]): void {
  const onPage = new Map(page.map((p) => [p.section, p]));
  sections.forEach((s, i) => {
    const part = onPage.get(i);
    if (!part) return s.setAttribute("data-tv-off", "");
    if (part.scale !== undefined) s.style.setProperty("zoom", String(part.scale));
    const rows = part.rows;
    if (!rows) return;
    for (const { el, row } of items[i] ?? []) if (row < rows.from || row >= rows.to) el.setAttribute("data-tv-off", "");
  });
}
