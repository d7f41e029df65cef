// The one ending for every command-line script: a clear message and exit
// code on failure, no stack trace for expected errors.
//
//   bad arguments (CliUsageError)         → "error: …" + the usage text, exit 2
//   bad input (AppError)                  → "Error: …", exit 2
//   bad configuration (ConfigError)       → "Error: …", exit 1
//   anything else                         → the stack, exit 1
//
// main may return an exit code. The process exits once stdout and stderr
// have drained (a piped --json result is never cut short), also when a
// database client or timer would otherwise keep it alive.
import { ConfigError } from "@/db/config";
import { AppError } from "@/lib/platform/errors";
import { CliUsageError } from "./cli-args";

export function runCli(main: () => Promise<void | number> | void | number, usage?: string): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => exitAfterFlush(typeof code === "number" ? code : 0),
      (error: unknown) => {
        if (error instanceof CliUsageError) {
          process.stderr.write(`error: ${error.message}\n${usage ? `\n${usage}\n` : ""}`);
          return exitAfterFlush(2);
        }
        if (error instanceof ConfigError || error instanceof AppError) {
          process.stderr.write(`Error: ${error.message}\n`);
          return exitAfterFlush(error instanceof ConfigError ? 1 : 2);
        }
        process.stderr.write(`Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        return exitAfterFlush(1);
      },
    );
}

function exitAfterFlush(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
