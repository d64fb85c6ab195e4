import { test, expect, sql } from "./support";

/**
 * Operator SQL (npm run ch) against the running product: it is served on a Unix socket
 * in the data directory, not over HTTP, and it reads the product's tables only.
 */
test("operator SQL is not an HTTP route; over its socket it reads the store and refuses host files", async ({ request }) => {
  const over = await request.post("/api/internal/sql", { data: { sql: "SELECT 1" } });
  expect(over.status()).toBe(404);

  const [queues] = await sql<{ n: string }>(request, "SELECT count() AS n FROM queues FINAL WHERE tenant_id = 'demo'");
  expect(Number(queues?.n)).toBeGreaterThan(0);
  await expect(sql(request, "SELECT * FROM file('/proc/self/environ', 'RawBLOB')")).rejects.toThrow(/table function file\(\) is not allowed/);
  await expect(sql(request, "SELECT * FROM file('.auth-secret', 'RawBLOB')")).rejects.toThrow(/table function file\(\) is not allowed/);
});
