// npm run db:restore -- FILE
// Puts a backup in place of the embedded database. Stop the app first: the restore
// refuses while any process has the database open. The current database is kept as
// <database>.<time>.bak.
import { parseArgs } from "node:util";
import { readDatabaseConfig } from "@/db/config";
import { BackupError, restoreDatabase } from "@/lib/ops/backup";

const USAGE = "Usage: npm run db:restore -- FILE   (stop the app first; the current database is kept as .bak)";

async function main(): Promise<number> {
  let file: string | undefined;
  try {
    const { positionals, values } = parseArgs({ args: process.argv.slice(2), options: { help: { type: "boolean" } }, allowPositionals: true, strict: true });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new Error(positionals.length ? "give exactly one backup file" : "which backup file?");
    file = positionals[0];
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const { url } = readDatabaseConfig();
    const result = await restoreDatabase({ databaseUrl: url, from: file });
    process.stdout.write(
      `Restored ${file} into ${result.file} (${result.migrations} migrations; the app applies any newer ones when it starts).\n` +
        (result.previous ? `The previous database is kept as ${result.previous}.\n` : ""),
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      // Every refusal comes before the database file is touched.
      process.stderr.write(`Error: ${error.message} Nothing was changed.\n`);
      return 1;
    }
    throw error;
  }
}

main().then((code) => process.exit(code), (error) => {
  process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
