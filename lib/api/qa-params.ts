import { z } from "zod";

/** Query-string pieces of the QA endpoints: a list of ids (the URL may repeat the key), and one optional value. */
export const idListParam = (what: string) => z.array(z.string().trim().min(1, "must not be empty").max(128, "is too long")).max(200, `too many ${what}`).default([]);

/** One value: the URL yields a list when the key repeats; the first counts. */
export const oneParam = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(128, "is too long").optional());
