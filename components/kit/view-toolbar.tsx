"use client";

import type { ReactNode } from "react";
import type { ViewParams } from "@/lib/views/view-params";
import type { TimeRange } from "@/lib/time/periods";
import { PeriodPicker } from "@/components/kit/period-picker";
import { QueueFilter } from "@/components/kit/queue-filter";
import { TeamFilter } from "@/components/kit/team-filter";

/** The team rule in a line; the whole convention is in docs/kpis.md and each number's explain. */
const TEAM_NOTE =
  'With a team filter, only calls the team\'s agents answered count. Abandoned, timed-out and waiting calls reached no agent, so figures built on them show "not applicable".';

/** The filters every dashboard shares: period, queue and team, all kept in the URL. */
export function ViewToolbar({
  view,
  range,
  tz,
  onChange,
  showQueue = true,
  showTeam = true,
  children,
}: {
  view: ViewParams;
  range: TimeRange;
  tz: string;
  onChange: (patch: Partial<ViewParams>) => void;
  showQueue?: boolean;
  showTeam?: boolean;
  /** Page-specific controls after the shared ones. */
  children?: ReactNode;
}) {
  return (
    <div className="toolbar-block">
      <div className="toolbar" role="toolbar" aria-label="View">
        <PeriodPicker view={view} range={range} tz={tz} onChange={onChange} />
        {showQueue && <QueueFilter value={view.queueIds} onChange={(queueIds) => onChange({ queueIds, variant: undefined })} />}
        {showTeam && <TeamFilter value={view.teamIds} onChange={(teamIds) => onChange({ teamIds })} />}
        {children}
      </div>
      {showTeam && view.teamIds.length > 0 && (
        <p className="toolbar-note" id="team-filter-note">
          {TEAM_NOTE}
        </p>
      )}
    </div>
  );
}
