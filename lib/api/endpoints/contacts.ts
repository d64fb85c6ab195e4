import { listContacts } from "@/lib/contacts/list-contacts";
import { defineEndpoint, type RequestOf } from "../endpoint";
import { contactsParamsSchema } from "../params";

/** The contacts behind a number ("explain"), one page at a time. */
export const contacts = defineEndpoint({
  method: "GET",
  path: "/api/contacts",
  capability: "dashboards",
  scope: { queue: "queue", team: "team", agent: "agent" },
  params: contactsParamsSchema,
  run: ({ ch, tenantId }, p) =>
    listContacts(ch, {
      tenantId,
      from: p.from,
      to: p.to,
      queueIds: p.queue,
      teamIds: p.team,
      agentIds: p.agent,
      filter: p.filter,
      sort: p.sort,
      direction: p.dir,
      limit: p.limit,
      offset: p.offset,
    }),
});

/** The contacts page always states every field (page, order), so its request type does too. */
export type ContactsRequest = Required<RequestOf<typeof contacts>>;
