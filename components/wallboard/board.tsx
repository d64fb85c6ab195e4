"use client";

import { useMemo, type ReactNode } from "react";
import type { WallboardView } from "@/lib/live/view-types";
import { ActiveCalls } from "./active-calls";
import { AgentGrid } from "./agent-grid";
import { QueueCard } from "./queue-card";
import { AlertsPanel } from "./alerts-panel";
import { FloorTotals } from "./floor-totals";
import styles from "./wallboard.module.css";

/**
 * The floor as sections (data-section: totals, alerts, queues, agents, calls): shared by the
 * live wallboard, TV mode and replay. `controls`: the viewer's own switches (the alert sound),
 * absent in TV mode and replay; a replayed board never sounds.
 */
export function Board({ view, canSetAgentState = false, controls = false }: { view: WallboardView; canSetAgentState?: boolean; controls?: boolean }) {
  const queues = useMemo(() => Object.values(view.queues).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)), [view.queues]);
  const queueNames = useMemo(() => new Map(queues.map((q) => [q.id, q.name])), [queues]);
  const agents = useMemo(() => Object.values(view.agents), [view.agents]);
  const calls = useMemo(() => Object.values(view.calls), [view.calls]);
  const callers = useMemo(() => new Map(calls.map((c) => [c.id, c.caller])), [calls]);
  return (
    <>
      <Section id="wallboard-totals" section="totals" title="Centre">
        <FloorTotals view={view} />
      </Section>
      <Section id="wallboard-alerts" section="alerts" title="Alerts">
        <AlertsPanel view={view} controls={controls} audible={!view.meta.replay} />
      </Section>
      <Section id="wallboard-queues" section="queues" title="Queues" count={queues.length}>
        {queues.length === 0 ? (
          <p className={styles.empty}>No queue yet. Queues appear once the platform reports them (the simulator creates its own at start-up).</p>
        ) : (
          <ul className={styles.queues} data-tv-list>
            {queues.map((q) => (
              <QueueCard key={q.id} queue={q} />
            ))}
          </ul>
        )}
      </Section>
      <Section id="wallboard-agents" section="agents" title="Agents" count={agents.length}>
        <AgentGrid agents={agents} queueNames={queueNames} callers={callers} canSetState={canSetAgentState} />
      </Section>
      <Section id="wallboard-calls" section="calls" title="Active calls" count={calls.length}>
        <ActiveCalls calls={calls} agents={view.agents} queueNames={queueNames} />
      </Section>
    </>
  );
}

function Section({ id, section, title, count, children }: { id: string; section: string; title: string; count?: number; children: ReactNode }) {
  return (
    // data-section: TV mode pages over these (tv-stage.tsx); data-tv-list marks the list a tall section is cut along.
    <section aria-labelledby={id} data-section={section}>
      <div className={styles.sectionHeader}>
        <h2 className={styles.sectionTitle} id={id}>
          {title}
        </h2>
        {count !== undefined && (
          <span className={styles.count} data-testid={`${id}-count`}>
            {count}
          </span>
        )}
      </div>
      {children}
    </section>
  );
}
