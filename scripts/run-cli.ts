// Shared ending for command-line scripts: clear message and exit code on failure,
// no stack trace for expected errors (bad configuration, bad input).
import { ConfigError } from "@/db/config";
import { AppError } from "@/lib/errors";

export function runCli(main: () => Promise<void | number>): void {
  main().then(
    (code) => process.exit(typeof code === "number" ? code : 0),
    (error: unknown) => {
      if (error instanceof ConfigError || error instanceof AppError) {
        process.stderr.write(`Error: ${error.message}\n`);
        process.exit(error instanceof ConfigError ? 1 : 2);
      }
      process.stderr.write(`Error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
