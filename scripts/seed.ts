// npm run seed [-- --reset] [--tasks N] [--seed S] — demo data; idempotent.
import { parseEnv } from "@/lib/platform/env";
import { migrate } from "@/lib/ops/bootstrap";
import { seedDemo } from "@/lib/demo/seed";
import { parseFlags } from "./cli-args";
import { runCli } from "./run-cli";

runCli(async () => {
  const config = parseEnv();
  const flags = parseFlags(process.argv.slice(2), {
    boolean: ["reset", "help"],
    number: ["tasks", "seed", "days", "examples"],
  });
  if (flags.help) {
    process.stdout.write("Usage: npm run seed -- [--reset] [--tasks N] [--seed S] [--days D] [--examples N]\n");
    return;
  }
  const started = Date.now();
  await migrate();
  const report = await seedDemo({
    tasks: (flags.tasks as number | undefined) ?? config.SEED_TASKS,
    reset: Boolean(flags.reset),
    seed: flags.seed as number | undefined,
    days: flags.days as number | undefined,
    examples: flags.examples as number | undefined,
  });
  const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
  process.stdout.write(
    `Seeded: ${report.categories} categories, ${report.examples} examples, model ${report.modelVersionId}, ${report.tasksCreated} new tasks in ${((Date.now() - started) / 1000).toFixed(1)} s (rss ${rss} MB).\n`,
  );
});
