import type { CsvFile } from "./csv-export";

/** A CSV file as a download, whole or streamed. The name is reduced to safe characters, as it goes into a header. */
export function csvResponse(file: CsvFile | { filename: string; body: ReadableStream<Uint8Array>; headers?: Record<string, string> }): Response {
  const name = file.filename.replace(/[^A-Za-z0-9._-]+/g, "_");
  return new Response("csv" in file ? file.csv : file.body, {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
      ...("headers" in file ? file.headers : {}),
    },
  });
}
