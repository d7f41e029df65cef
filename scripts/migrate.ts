// npm run db:migrate — applies the committed migrations (safe to repeat).
import { readDatabaseConfig } from "@/db/config";
import { migrate } from "@/lib/ops/bootstrap";
import { runCli } from "./run-cli";

runCli(async () => {
  const { url } = readDatabaseConfig();
  await migrate();
  process.stdout.write(`Database is up to date (${url.startsWith("file:") ? url : url.replace(/\/\/.*@/, "//***@")}).\n`);
});
