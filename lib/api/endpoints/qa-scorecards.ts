import { randomBytes } from "node:crypto";
import { z } from "zod";
import { NotFound } from "@/lib/errors/domain-errors";
import { saveScorecard } from "@/lib/qa/scorecards/scorecard-record";
import { scorecardSchema } from "@/lib/qa/scorecards/scorecard-schema";
import { readLatestScorecards, readScorecardVersion } from "@/lib/qa/scorecards/scorecard-store";
import { actorOf } from "../actor";
import { defineEndpoint } from "../endpoint";

/** Scorecard forms: read by anyone who sees QA scores, built by admins (docs/qa.md). */

const FORMS_HOLD_NO_CONTACTS = "a form holds questions, no queue or agent data";

export const qaScorecards = defineEndpoint({
  method: "GET",
  path: "/api/qa/scorecards",
  capability: "qaDashboard",
  scope: { unscoped: FORMS_HOLD_NO_CONTACTS },
  params: z.object({}),
  run: async ({ ch, tenantId }) => ({ scorecards: await readLatestScorecards(ch, tenantId) }),
});

const versionParam = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, "must be a version number (1, 2, ...)")
  .transform(Number)
  .optional();

/** One form: its current version, or the version an evaluation used (`version`). */
export const qaScorecard = defineEndpoint({
  method: "GET",
  path: "/api/qa/scorecards/[scorecardId]",
  capability: "qaDashboard",
  scope: { unscoped: FORMS_HOLD_NO_CONTACTS },
  params: z.object({ scorecardId: z.string().min(1).max(60), version: versionParam }),
  run: async ({ ch, tenantId }, p) => {
    const [latest] = await readLatestScorecards(ch, tenantId, p.scorecardId);
    const wanted = p.version === undefined ? latest : await readScorecardVersion(ch, tenantId, p.scorecardId, p.version);
    if (!latest || !wanted) throw new NotFound(p.version === undefined ? `scorecard "${p.scorecardId}"` : `scorecard "${p.scorecardId}" version ${p.version}`);
    return { ...wanted, latestVersion: latest.version };
  },
});

/** An id from the name, so audit rows and URLs read well; a random tail keeps two forms of one name apart. */
const scorecardId = (name: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "scorecard"
  }-${randomBytes(3).toString("hex")}`;

export const createQaScorecard = defineEndpoint({
  method: "POST",
  path: "/api/qa/scorecards",
  capability: "admin",
  scope: { unscoped: FORMS_HOLD_NO_CONTACTS },
  params: z.object({}),
  body: scorecardSchema,
  bodyHint: '{"name": "...", "sections": [{"id": "opening", "title": "Opening", "questions": [{"id": "greet", "text": "...", "type": "yesno", "weight": 1}]}]}',
  run: async (ctx, _p, card) => {
    const id = scorecardId(card.name);
    const r = await saveScorecard(ctx.ch, { tenantId: ctx.tenantId, id, card, expectedVersion: 0, actor: actorOf(ctx) });
    return { id, version: r.after.version, card: r.after.state };
  },
});

export const updateQaScorecard = defineEndpoint({
  method: "PUT",
  path: "/api/qa/scorecards/[scorecardId]",
  capability: "admin",
  scope: { unscoped: FORMS_HOLD_NO_CONTACTS },
  params: z.object({ scorecardId: z.string().min(1).max(60) }),
  body: z.object({ expectedVersion: z.number().int().min(1, "must be the version you edited (1 or more)"), card: scorecardSchema }),
  bodyHint: '{"expectedVersion": 1, "card": {"name": "...", "sections": [...]}}',
  run: async (ctx, p, b) => {
    const r = await saveScorecard(ctx.ch, { tenantId: ctx.tenantId, id: p.scorecardId, card: b.card, expectedVersion: b.expectedVersion, actor: actorOf(ctx) });
    return { id: p.scorecardId, changed: r.changed, version: r.after.version, card: r.after.state };
  },
});
