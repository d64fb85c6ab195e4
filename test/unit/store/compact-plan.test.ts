import { describe, expect, it } from "vitest";
import { partitionsToCompact } from "@/lib/store/compact";

describe("choosing partitions to compact", () => {
  it("takes our tables' months in several parts, unless a merge is already running there", () => {
    const parts = [
      { table: "contact_segments", partitionId: "202601", parts: 3 },
      { table: "contact_segments", partitionId: "202602", parts: 1 },
      { table: "agent_state_pieces", partitionId: "202601", parts: 2 },
      { table: "agent_state_pieces", partitionId: "202602", parts: 4 },
      { table: "cti_events", partitionId: "202601", parts: 9 },
      { table: "contact_segments", partitionId: "2026'; DROP", parts: 2 },
    ];
    expect(partitionsToCompact(parts, [{ table: "agent_state_pieces", partitionId: "202602" }])).toEqual([
      { table: "contact_segments", partitionId: "202601" },
      { table: "agent_state_pieces", partitionId: "202601" },
    ]);
  });
});
