// npm run import -- FILE.csv --text-column C [--label-column C] [--category-column C]
//   [--account-column C] [--time-column C] [--dataset NAME] [--delimiter ;] [--as-tasks] [--skip-bad]
import { migrate } from "@/lib/ops/bootstrap";
import { AppError } from "@/lib/platform/errors";
import { importCsv, type RowProblem } from "@/lib/import/import-csv";
import { progressBar } from "@/lib/platform/progress-bar";
import { parseFlags } from "./cli-args";
import { runCli } from "./run-cli";

const USAGE = `Usage: npm run import -- FILE.csv --text-column C [--label-column C] [--category-column C]
       [--account-column C] [--time-column C] [--dataset NAME] [--delimiter ,] [--as-tasks] [--skip-bad]

Example (the airline tweets, as a dataset and as tasks):
  npm run import -- ../shared/data/airline-tweets/tweets.csv --text-column text --label-column airline_sentiment \\
     --category-column airline --account-column name --time-column tweet_created --as-tasks`;

const printProblems = (problems: RowProblem[]) => {
  for (const p of problems) process.stderr.write(`  line ${p.line}: ${p.reason}\n`);
};

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    boolean: ["as-tasks", "skip-bad", "help"],
    string: ["text-column", "label-column", "category-column", "account-column", "time-column", "dataset", "delimiter"],
  });
  const file = flags._[0];
  if (flags.help || !file || !flags["text-column"]) {
    process.stderr.write(USAGE + "\n");
    return flags.help ? 0 : 2;
  }
  await migrate();
  try {
    const report = await importCsv({
      file,
      delimiter: flags.delimiter as string | undefined,
      textColumn: flags["text-column"] as string,
      labelColumn: flags["label-column"] as string | undefined,
      categoryColumn: flags["category-column"] as string | undefined,
      accountColumn: flags["account-column"] as string | undefined,
      timeColumn: flags["time-column"] as string | undefined,
      dataset: flags.dataset as string | undefined,
      asTasks: Boolean(flags["as-tasks"]),
      skipBad: Boolean(flags["skip-bad"]),
      progress: (total) => progressBar("Importing", total),
    });
    if (report.skipped.length) {
      process.stderr.write(`Skipped ${report.skipped.length} unreadable row(s):\n`);
      printProblems(report.skipped.slice(0, 100));
    }
    process.stdout.write(`Imported ${report.examples} examples into dataset "${report.dataset}" and ${report.tasks} tasks (${report.rowsRead} rows read).\n`);
  } catch (error) {
    if (error instanceof AppError && error.details && typeof error.details === "object" && "problems" in error.details) {
      process.stderr.write(`Error: ${error.message}\n`);
      printProblems((error.details as { problems: RowProblem[] }).problems);
      return 2;
    }
    throw error;
  }
});
