/**
 * Next.js calls register() once in the server process before it serves requests.
 * Everything runs in the Node.js runtime; see instrumentation-node.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerRuntime } = await import("./instrumentation-node");
  await startServerRuntime();
}
