import { listContacts, type ContactListInput } from "@/lib/contacts/list-contacts";
import { getEnv } from "@/lib/env";
import { defineEndpoint, type RequestOf } from "../endpoint";
import { contactsParamsSchema, requestSlot } from "../params";

/** What the contacts page and the contacts export both parse from their URL. */
type ListParams = {
  from: number;
  to: number;
  queue: string[];
  team: string[];
  agent: string[];
  wd?: number;
  hour?: number;
  tz?: string;
  filter: ContactListInput["filter"];
  sort: ContactListInput["sort"];
  dir: "asc" | "desc";
};

/** The list the URL names (the page's and the export's alike), in the engine's words. */
export function contactListArgs(tenantId: string, p: ListParams): ContactListInput {
  return {
    tenantId,
    from: p.from,
    to: p.to,
    queueIds: p.queue,
    teamIds: p.team,
    agentIds: p.agent,
    slot: requestSlot(p),
    filter: p.filter,
    sort: p.sort,
    direction: p.dir,
  };
}

/**
 * The contacts behind a number ("explain"), one page at a time, with the most rows
 * a CSV of this list holds (EXPORT_MAX_ROWS), so the page can say before the
 * download when the file will be cut.
 */
export const contacts = defineEndpoint({
  method: "GET",
  path: "/api/contacts",
  capability: "contacts",
  scope: { queue: "queue", team: "team", agent: "agent" },
  params: contactsParamsSchema,
  run: async ({ ch, tenantId }, p) => ({
    ...(await listContacts(ch, { ...contactListArgs(tenantId, p), limit: p.limit, offset: p.offset })),
    exportMaxRows: getEnv().EXPORT_MAX_ROWS,
  }),
});

/** The contacts page always states every field (page, order), so its request type does too; a heatmap cell's slot (wd, hour, tz) is optional. */
type SlotKeys = "wd" | "hour" | "tz";
export type ContactsRequest = Required<Omit<RequestOf<typeof contacts>, SlotKeys>> & Pick<RequestOf<typeof contacts>, SlotKeys>;
