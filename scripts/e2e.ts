// npm run test:e2e — builds the production app, then runs Playwright against it
// (playwright.config.ts starts the server with a fresh database).
import { spawnSync } from "node:child_process";
import path from "node:path";

const bin = (n: string) => path.join(process.cwd(), "node_modules", ".bin", n);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const build = spawnSync(bin("next"), ["build"], { stdio: "inherit", env });
if (build.status !== 0) process.exit(build.status ?? 1);
const tests = spawnSync(bin("playwright"), ["test", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(tests.status ?? 1);
