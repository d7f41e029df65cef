// npm run db:backup -- [--out FILE]
// A consistent copy of the embedded database, taken while the app runs.
import { parseArgs } from "node:util";
import { readDatabaseConfig } from "@/db/config";
import { backupDatabase, BackupError } from "@/lib/ops/backup";

const USAGE = "Usage: npm run db:backup -- [--out FILE]   (default: data/backups/app-<time>.db next to the database)";

async function main(): Promise<number> {
  let out: string | undefined;
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { out: { type: "string" }, help: { type: "boolean" } }, strict: true });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    out = values.out;
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const { url } = readDatabaseConfig();
    const result = await backupDatabase({ databaseUrl: url, out });
    process.stdout.write(`Backup written: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${result.migrations} migrations)\n`);
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      process.stderr.write(`Error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main().then((code) => process.exit(code), (error) => {
  process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
