import fs from "node:fs";
import path from "node:path";
import { ctiEventJsonSchema } from "../lib/events/json-schema";
import { renderEventsDoc } from "../lib/events/doc";
import { runCli } from "./run-cli";

/** npm run schema: writes docs/cti-event.schema.json and docs/events.md from the zod schemas. */
runCli(async () => {
  const schemaPath = path.join("docs", "cti-event.schema.json");
  fs.writeFileSync(schemaPath, `${JSON.stringify(ctiEventJsonSchema(), null, 2)}\n`);
  const docPath = path.join("docs", "events.md");
  fs.writeFileSync(docPath, renderEventsDoc());
  console.log(`wrote ${schemaPath} and ${docPath}`);
});
