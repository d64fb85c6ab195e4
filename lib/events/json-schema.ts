import { z } from "zod";
import { previousStateSchema } from "./data";
import { ctiEventSchema, SPEC_VERSION } from "./envelope";

/** The event model as JSON Schema (draft 2020-12), for producers in other languages. */
export function ctiEventJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://cc-supervisor.example/schemas/cti-event-${SPEC_VERSION}.json`,
    title: `CTI event, spec version ${SPEC_VERSION}`,
    ...z.toJSONSchema(ctiEventSchema, {
      target: "draft-2020-12",
      io: "input",
      override: (ctx) => {
        // zod refinements do not carry over to JSON Schema; this one has a keyword of its own.
        if (ctx.zodSchema === previousStateSchema) ctx.jsonSchema.dependentRequired = { legId: ["queuedAt"] };
      },
    }),
  };
}
