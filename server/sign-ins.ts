import type { DemoSignIn } from "@/lib/auth/demo-users";
import type { Env } from "@/lib/env";

/** Demo mode's one user per role, printed where whoever ran `npm start` is looking. */
export function printSignIns(signIns: DemoSignIn[], env: Env, log: (line: string) => void): void {
  const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  log("");
  log(`Demo mode: open ${url} and sign in as one of`);
  for (const s of signIns) log(`  ${s.role.padEnd(11)} username ${s.username.padEnd(11)} password ${s.password}`);
  log(`(kept in ${env.DATA_DIR}/demo-sign-ins.json; set DEMO_MODE=false and AUTH_USERS_FILE for real users)`);
  log("");
}
