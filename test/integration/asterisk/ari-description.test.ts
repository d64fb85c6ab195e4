import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ARI_OPERATIONS } from "../../fakes/asterisk/ari-description";

/**
 * The fake's extract of ARI (test/fakes/asterisk/ari-description.ts) against the official
 * description it was taken from: rest-api/api-docs/*.json in ASTERISK_API_DOCS (a directory),
 * or in the lab's cached source tarball (infra/asterisk keeps it beside its build). Every
 * operation, parameter, allowed value and error code the fake checks must be Asterisk's.
 * Skipped (and says so) without either, except with ASTERISK_LAB=required, where the lab's
 * source must be there.
 */
const VERSION = "23.4.1";
const cache = process.env.ASTERISK_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "cc-supervisor", "asterisk");
const tarball = path.join(cache, `asterisk-${VERSION}.tar.gz`);
const docsDir = process.env.ASTERISK_API_DOCS;
const present = docsDir !== undefined ? fs.existsSync(docsDir) : fs.existsSync(tarball);
if (!present && process.env.ASTERISK_LAB === "required") throw new Error(`ASTERISK_LAB=required but neither ASTERISK_API_DOCS nor ${tarball} is there`);

type Swagger = {
  apis: {
    path: string;
    operations: {
      httpMethod: string;
      nickname: string;
      upgrade?: string;
      parameters?: { name: string; paramType: string; required?: boolean; dataType: string; allowMultiple?: boolean; allowableValues?: { values: string[] } }[];
      errorResponses?: { code: number }[];
    }[];
  }[];
};

function readDoc(file: string): Swagger {
  const text =
    docsDir !== undefined
      ? fs.readFileSync(path.join(docsDir, file), "utf8")
      : execFileSync("tar", ["-xzOf", tarball, `asterisk-${VERSION}/rest-api/api-docs/${file}`], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(text) as Swagger;
}

describe.skipIf(!present)(`the fake's ARI extract against Asterisk's rest-api/api-docs (${docsDir ?? tarball})`, () => {
  it("names only operations, parameters, values and error codes Asterisk's description has", () => {
    const docs = new Map<string, Swagger>();
    for (const op of ARI_OPERATIONS) {
      const doc = docs.get(op.file) ?? readDoc(op.file);
      docs.set(op.file, doc);
      const official = doc.apis.find((a) => a.path === op.path)?.operations.find((o) => o.httpMethod === op.method);
      expect(official, `${op.method} ${op.path} in ${op.file}`).toBeDefined();
      if (!official) continue;
      expect([official.nickname, official.upgrade]).toEqual([op.nickname, op.upgrade]);
      const params = (official.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.paramType,
        required: p.required === true,
        type: p.dataType,
        ...(p.allowableValues ? { values: p.allowableValues.values } : {}),
        ...(p.allowMultiple ? { multiple: true } : {}),
      }));
      expect(op.params, `${op.method} ${op.path}'s parameters`).toEqual(params);
      expect(op.errors, `${op.method} ${op.path}'s error codes`).toEqual((official.errorResponses ?? []).map((e) => e.code));
    }
    // The snoop directions the adapter sends are the description's own.
    const snoop = ARI_OPERATIONS.find((o) => o.nickname === "snoopChannel");
    expect(snoop?.params.find((p) => p.name === "whisper")?.values).toEqual(["none", "both", "out", "in"]);
  });
});
