import type { DemoUsers } from "@/lib/auth/demo-users";
import type { Env } from "@/lib/env";

/**
 * Demo mode's one user per role, printed where whoever ran `npm start` is looking:
 * the passwords on the start that made them, only where they are kept after that.
 */
export function printSignIns(demo: DemoUsers, env: Env, log: (line: string) => void): void {
  const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  log("");
  if (demo.created) {
    log(`Demo mode: open ${url} and sign in as one of`);
    for (const s of demo.signIns) log(`  ${s.role.padEnd(11)} username ${s.username.padEnd(11)} password ${s.password}`);
    log(`(printed this once; kept in ${env.DATA_DIR}/demo-sign-ins.json, readable by you only; set DEMO_MODE=false and AUTH_USERS_FILE for real users)`);
  } else {
    log(`Demo mode: open ${url}; the sign-ins for each role are in ${demo.signInsFile} (readable by you only)`);
  }
  log("");
}
