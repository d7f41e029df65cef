// One "process" of the several-processes test (tests/integration/support-processes.test.ts). It
// prints "ready" once loaded, then for each line "<task id> <now ms>" on stdin runs the escalation
// rules on that task and the SLA sweep at that moment, and prints how many each fired. The parent
// sends a round's line to every process only when all have answered the previous one, so their
// sweeps start together (a barrier) instead of whenever each process finished loading.
import readline from "node:readline";
import { dbReady } from "@/db/client";
import { runRules } from "@/lib/support/rules";
import { sweepSlaBreaches } from "@/lib/support/sla";

await dbReady();
console.log("ready");
for await (const line of readline.createInterface({ input: process.stdin })) {
  const [taskId, at] = line.split(" ").map(Number);
  const [fired, breached] = await Promise.all([runRules([taskId], "child"), sweepSlaBreaches(new Date(at))]);
  console.log(JSON.stringify({ fired, breached }));
}
