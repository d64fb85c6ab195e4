"use client";

import { useMineZone, useShownZone } from "@/components/kit/shown-zone";

/**
 * "Times in: Centre (Europe/London) | Mine (America/New_York)": which clock every
 * time, period and "Today" on the page follows, and the switch between the two.
 */
export function ZoneSwitch() {
  const { centre, choice, setChoice } = useShownZone();
  const mine = useMineZone();
  return (
    <div className="zone-switch" data-testid="zone-switch" data-shown={choice}>
      <span id="zone-switch-label">Times in:</span>
      <div className="segmented" role="group" aria-labelledby="zone-switch-label">
        <button type="button" className="segment" aria-pressed={choice === "centre"} onClick={() => setChoice("centre")}>
          Centre ({centre})
        </button>
        <button type="button" className="segment" aria-pressed={choice === "mine"} onClick={() => setChoice("mine")}>
          Mine ({mine ?? "this browser's zone"})
        </button>
      </div>
    </div>
  );
}
