import type { KpiCounts } from "@/lib/kpi/kpi-counts";
import { CONTACT_FILTER_LABELS, contactFilterCount, type ContactFilter } from "@/lib/kpi/contact-filters";
import type { ContactSort } from "@/lib/contacts/contact-sorts";
import { QUEUE_DEFAULTS, SL_VARIANT_DEFINITIONS, isSlVariant, type KpiDefinition, type KpiId, type SlVariant } from "@/lib/kpi/definitions";
import { plainWords } from "@/lib/kpi/plain-words";
import type { QueueInfo } from "@/lib/directory/list-queues";
import { formatCount, formatDuration } from "@/lib/tables/format";
import { formatInput } from "@/components/kit/format-kpi";

/**
 * What an "explain" panel shows for one number: the formula in words, the
 * definition version, the numerator and denominator with links to the contacts
 * counted in each, and the per-queue thresholds in force with their settings
 * versions. Pure, so the panel only renders it.
 */

/** The scope a number was computed over: the contacts list must use exactly the same. */
export type ExplainScope = {
  from: number;
  to: number;
  queueIds: readonly string[];
  teamIds: readonly string[];
  agentIds?: readonly string[];
  /** Whether the viewer may open the contacts list (managers, supervisors, admins). */
  canDrill: boolean;
};

export type ExplainValue = { value: number | null; numerator?: number; denominator?: number; version?: number; notApplicable?: { reason: string } };

export type ContactsLink = { filter: ContactFilter; count: number; text: string; href: string | null };

export type ExplainPart = {
  side: "value" | "numerator" | "denominator";
  label: string;
  text: string;
  contacts: ContactsLink | null;
};

export type ThresholdLine = { queueId: string; name: string; text: string; version: number };

export type ExplainModel = {
  id: KpiId;
  heading: string;
  /** What the number means, in a supervisor's words ("answered within 20 seconds"). */
  plain: string;
  /** Why the number is not shown in this scope (a team filter), when it is not. */
  notApplicable: string | undefined;
  /** The exact formula, shown one click further. */
  formula: string;
  notes: string | undefined;
  version: number;
  parts: ExplainPart[];
  thresholds: ThresholdLine[];
  /** Said when no per-queue setting changes this number. */
  thresholdNote: string | undefined;
};

/** The list behind the inputs, sorted so its first rows are the ones the number is about. */
const SORT_FOR: Partial<Record<KpiId, { sort: ContactSort; dir: "asc" | "desc" }>> = {
  longest_wait: { sort: "wait_ms", dir: "desc" },
  asa: { sort: "wait_ms", dir: "desc" },
  avg_wait: { sort: "wait_ms", dir: "desc" },
  aht: { sort: "handle_ms", dir: "desc" },
  avg_talk: { sort: "talk_ms", dir: "desc" },
  avg_hold: { sort: "hold_ms", dir: "desc" },
  avg_acw: { sort: "acw_ms", dir: "desc" },
};

export function contactsHref(scope: ExplainScope, filter: ContactFilter, order?: { sort: ContactSort; dir: "asc" | "desc" }): string {
  const q = new URLSearchParams({ from: String(scope.from), to: String(scope.to) });
  for (const id of scope.queueIds) q.append("queue", id);
  for (const id of scope.teamIds) q.append("team", id);
  for (const id of scope.agentIds ?? []) q.append("agent", id);
  q.set("filter", filter);
  if (order) {
    q.set("sort", order.sort);
    q.set("dir", order.dir);
  }
  return `/contacts?${q}`;
}

/**
 * The formula's first sentence, then its conventions. A sentence ends at ". "
 * before a capital or a quote, so "i.e. sum" does not end one.
 */
export function splitFormula(text: string): [string, string | undefined] {
  const m = /^(.+?\.)\s+(?=["A-Z])([\s\S]*)$/.exec(text);
  return m && m[1] && m[2] ? [m[1], m[2]] : [text, undefined];
}

type ThresholdUse = { sl: boolean; variant: boolean; short: boolean; maxWait?: boolean };

function thresholdUse(id: KpiId, variantUsesShort: boolean): ThresholdUse | null {
  switch (id) {
    case "service_level":
      return { sl: true, variant: true, short: variantUsesShort };
    case "short_abandoned":
      return { sl: false, variant: false, short: true };
    case "abandon_rate_excl_short":
      return { sl: false, variant: false, short: true, maxWait: true };
    case "offered":
    case "in_progress":
    case "lost":
    case "abandon_rate":
    case "avg_wait":
      return { sl: false, variant: false, short: false, maxWait: true };
    default:
      return null;
  }
}

function thresholdLines(queues: readonly QueueInfo[], use: ThresholdUse): ThresholdLine[] {
  return queues.map((q) => {
    const parts: string[] = [];
    if (use.sl) parts.push(`T = ${q.slThresholdS} s`);
    if (use.short) parts.push(`short abandon ${q.shortAbandonRule === "at_or_below" ? "at or under" : "under"} ${q.shortAbandonS} s`);
    if (use.maxWait) parts.push(`lost after ${q.maxWaitS > 0 ? q.maxWaitS : QUEUE_DEFAULTS.maxWaitS} s with no queue exit${q.maxWaitS > 0 ? "" : " (default)"}`);
    if (use.variant) parts.push(`own variant: ${isSlVariant(q.slVariant) ? SL_VARIANT_DEFINITIONS[q.slVariant].label : `${q.slVariant} (unknown; default used)`}`);
    return { queueId: q.id, name: q.name, text: parts.join(" · "), version: q.definitionVersion };
  });
}

function link(scope: ExplainScope, id: KpiId, filter: ContactFilter, counts: Readonly<KpiCounts>): ContactsLink {
  const count = contactFilterCount(filter, counts);
  return {
    filter,
    count,
    text: `${formatCount(count)} ${count === 1 ? "contact" : "contacts"}: ${CONTACT_FILTER_LABELS[filter].toLowerCase()}`,
    href: scope.canDrill ? contactsHref(scope, filter, SORT_FOR[id]) : null,
  };
}

export function prepareExplain(args: {
  definition: KpiDefinition;
  value: ExplainValue | undefined;
  counts: Readonly<KpiCounts> | undefined;
  scope: ExplainScope;
  /** The queues the number covers, with their current settings. */
  queues: readonly QueueInfo[];
  /** The service-level variant the number was computed with. */
  variant?: SlVariant;
}): ExplainModel {
  const { definition: d, value, counts, scope } = args;
  const [formula, notes] = splitFormula(d.formula);
  const parts: ExplainPart[] = [];
  const contacts = d.contacts;
  if (value && counts && !value.notApplicable) {
    if (d.inputs.kind === "ratio") {
      if (value.numerator !== undefined)
        parts.push({
          side: "numerator",
          label: "Numerator",
          text: formatInput(value.numerator, d.unit, "numerator"),
          contacts: contacts?.numerator ? link(scope, d.id, contacts.numerator, counts) : null,
        });
      if (value.denominator !== undefined)
        parts.push({
          side: "denominator",
          label: "Denominator",
          text: formatInput(value.denominator, "count", "denominator"),
          contacts: contacts?.denominator ? link(scope, d.id, contacts.denominator, counts) : null,
        });
    } else {
      const text = value.value === null ? "—" : d.unit === "ms" ? formatDuration(value.value) : formatCount(value.value);
      parts.push({
        side: "value",
        label: d.inputs.kind === "max" ? "Longest" : "Counted",
        text,
        contacts: contacts?.numerator ? link(scope, d.id, contacts.numerator, counts) : null,
      });
    }
  }
  const variantUsesShort = d.inputs.kind === "ratio" && (d.inputs.denominator.minus ?? []).includes("shortAbandoned");
  const use = thresholdUse(d.id, variantUsesShort);
  return {
    id: d.id,
    heading: d.label,
    plain: plainWords(d.id, { variant: args.variant, thresholdS: sharedThreshold(args.queues) }),
    notApplicable: value?.notApplicable?.reason,
    formula,
    notes,
    version: value?.version ?? d.version,
    parts,
    thresholds: use ? thresholdLines(args.queues, use) : [],
    thresholdNote: use ? undefined : "No per-queue threshold changes this number.",
  };
}

/** The one service-level threshold the queues share, or null when they differ (or none is known). */
export function sharedThreshold(queues: readonly QueueInfo[]): number | null {
  const set = new Set(queues.map((q) => q.slThresholdS));
  return set.size === 1 ? ([...set][0] ?? null) : null;
}

/** Queues in view: those named, or every queue when none is. */
export function queuesInScope(all: readonly QueueInfo[], ids: readonly string[]): QueueInfo[] {
  return ids.length === 0 ? [...all] : all.filter((q) => ids.includes(q.id));
}
