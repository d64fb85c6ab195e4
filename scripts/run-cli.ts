import { EnvError } from "../lib/env";
import { UsageError } from "../lib/errors/usage-error";

/** Runs a command-line entry point: a clear one-line error and exit code 1 on failure (2 for a command line it cannot run). */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      if (e instanceof UsageError) {
        console.error(e.message);
        process.exit(2);
      }
      if (e instanceof EnvError) console.error(e.message);
      else if (e instanceof Error) console.error(`${e.name}: ${e.message}`);
      else console.error(e);
      process.exit(1);
    },
  );
}
