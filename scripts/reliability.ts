// npm run test:reliability [-- --short] [--no-build | --e2e-build] [vitest filters…]
// Builds the production app into its own directory (NEXT_DIST_DIR, default .next-rel, so
// it never disturbs a running `npm start` or the browser tests' build), runs the
// reliability suite (tests/reliability, vitest.reliability.config.ts) and prints the
// figures table that RELIABILITY.md shows. `--short` is the form `npm test` runs: the same
// checks with fewer requests and fuzz cases. `--no-build` reuses an existing build;
// `--e2e-build` reuses the one `npm run test:e2e` just made (`npm test` runs both, and a
// second production build would cost CI minutes for nothing).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { formatUsage, parseFlags, switches } from "./cli-args";
import { runCli } from "./run-cli";

const FLAGS = switches({
  short: "the form npm test runs: the same checks with fewer requests and fuzz cases",
  "no-build": "reuse an existing build in .next-rel (or NEXT_DIST_DIR)",
  "e2e-build": "reuse the build npm run test:e2e just made (.next)",
});
const USAGE = formatUsage("npm run test:reliability -- [--short] [--no-build | --e2e-build] [vitest file filters…]", FLAGS);

runCli(() => {
  const flags = parseFlags(process.argv.slice(2), FLAGS, { positionals: true });
  const short = flags.short === true;
  const e2eBuild = flags["e2e-build"] === true;
  const noBuild = flags["no-build"] === true || e2eBuild;
  const filters = flags._;
  const distDir = process.env.NEXT_DIST_DIR || (e2eBuild ? ".next" : ".next-rel");
  const figuresFile = path.resolve("test-results", short ? "reliability-figures-short.json" : "reliability-figures.json");
  const bin = (n: string) => path.join(process.cwd(), "node_modules", ".bin", n);
  const env = {
    ...process.env,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    RELIABILITY_SHORT: short ? "1" : "0",
    RELIABILITY_FIGURES: figuresFile,
  };

  if (!(noBuild && fs.existsSync(path.join(distDir, "BUILD_ID")))) {
    const build = spawnSync(bin("next"), ["build"], { stdio: "inherit", env });
    if (build.status !== 0) return build.status ?? 1;
  }

  fs.rmSync(figuresFile, { force: true });
  const started = Date.now();
  const tests = spawnSync(bin("vitest"), ["run", "-c", "vitest.reliability.config.ts", ...filters], { stdio: "inherit", env });

  if (fs.existsSync(figuresFile)) {
    const figures = JSON.parse(fs.readFileSync(figuresFile, "utf8")) as Record<string, Record<string, number | string>>;
    const lines = [
      `\nReliability suite (${short ? "short" : "full"} form), ${((Date.now() - started) / 60_000).toFixed(1)} min, ${new Date().toISOString().slice(0, 16)}Z:\n`,
      "| part | what was tried | outcome |",
      "|---|---|---|",
    ];
    for (const [part, f] of Object.entries(figures)) {
      const { outcome, ...tried } = f;
      lines.push(`| ${part} | ${Object.entries(tried).map(([k, v]) => `${k}: ${typeof v === "number" ? v.toLocaleString("en-US") : v}`).join(", ")} | ${outcome ?? ""} |`);
    }
    console.log(lines.join("\n"));
  }
  return tests.status ?? 1;
}, USAGE);
