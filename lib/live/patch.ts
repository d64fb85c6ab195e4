import type { SectionChanges, WallboardPatch, WallboardView } from "./view-types";

/**
 * Patches between two wallboard views: per section (queues, agents, calls) the
 * entries that were added or changed and the ids that went. Built once per change
 * on the server and applied in each browser; `applyPatch(a, diffViews(a, b))`
 * equals `b`. Entries are compared by their JSON text, which is exact here because
 * the view builder always writes an entry's keys in the same order.
 */

function diffSection<T>(before: Record<string, T>, after: Record<string, T>): SectionChanges<T> | undefined {
  const set: Record<string, T> = {};
  const remove: string[] = [];
  let changed = false;
  for (const [id, entry] of Object.entries(after)) {
    const old = before[id];
    if (old === entry) continue;
    if (old === undefined || JSON.stringify(old) !== JSON.stringify(entry)) {
      set[id] = entry;
      changed = true;
    }
  }
  for (const id of Object.keys(before)) {
    if (!(id in after)) {
      remove.push(id);
      changed = true;
    }
  }
  return changed ? { set, remove } : undefined;
}

export function diffViews(before: WallboardView, after: WallboardView): WallboardPatch {
  const patch: WallboardPatch = { from: before.meta.version, meta: after.meta };
  const queues = diffSection(before.queues, after.queues);
  const agents = diffSection(before.agents, after.agents);
  const calls = diffSection(before.calls, after.calls);
  if (queues) patch.queues = queues;
  if (agents) patch.agents = agents;
  if (calls) patch.calls = calls;
  return patch;
}

function applySection<T>(section: Record<string, T>, changes: SectionChanges<T> | undefined): Record<string, T> {
  if (!changes) return section;
  const out = { ...section, ...changes.set };
  for (const id of changes.remove) delete out[id];
  return out;
}

export class PatchMismatch extends Error {
  constructor(have: number, from: number) {
    super(`patch from version ${from} does not apply to version ${have}`);
    this.name = "PatchMismatch";
  }
}

/** The next view; throws PatchMismatch when the patch was made for another version (then ask for a snapshot). */
export function applyPatch(view: WallboardView, patch: WallboardPatch): WallboardView {
  if (patch.from !== view.meta.version) throw new PatchMismatch(view.meta.version, patch.from);
  return {
    meta: patch.meta,
    queues: applySection(view.queues, patch.queues),
    agents: applySection(view.agents, patch.agents),
    calls: applySection(view.calls, patch.calls),
  };
}
