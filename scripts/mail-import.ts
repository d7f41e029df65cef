// npm run mail:import -- FILE.eml [FILE.eml …]
// Each saved e-mail goes the way of the inbound webhook (POST /api/v1/inbound-email): a reply
// threads into its conversation, other mail opens a task, automatic mail is ignored.
import fs from "node:fs";
import { migrate } from "@/lib/ops/bootstrap";
import { parseEml } from "@/lib/conversations/eml";
import { receiveInboundEmail } from "@/lib/conversations/inbound";
import { formatReference } from "@/db/reference";
import { AppError } from "@/lib/platform/errors";
import { parseFlags } from "./cli-args";
import { runCli } from "./run-cli";

const USAGE = `Usage: npm run mail:import -- FILE.eml [FILE.eml …]

Reads each saved e-mail (RFC 5322, as mail programs save them): a reply to a conversation
(In-Reply-To / References, or its REQ- reference from the same sender) is added to it and
scored; other mail opens a new task; auto-replies and bounces are skipped.`;

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { boolean: ["help"], string: [] });
  const files = flags._;
  if (flags.help || files.length === 0) {
    process.stderr.write(USAGE + "\n");
    return flags.help ? 0 : 2;
  }
  await migrate();
  let failed = 0;
  for (const file of files) {
    try {
      if (!fs.existsSync(file)) throw new AppError("validation:eml", "no such file.");
      const result = await receiveInboundEmail(parseEml(fs.readFileSync(file)));
      const what =
        result.status === "ignored"
          ? `ignored (${result.reason})`
          : result.status === "duplicate"
            ? `already imported into ${formatReference(result.taskId)}`
            : `${result.status === "created" ? "opened" : "added to"} ${formatReference(result.taskId)}`;
      process.stdout.write(`${file}: ${what}\n`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed++;
      process.stderr.write(`${file}: ${error.message}\n`);
    }
  }
  return failed ? 2 : 0;
}, USAGE);
