// One "process" of the several-processes test (tests/integration/support-processes.test.ts): runs the
// SLA sweep and the escalation rules on the shared database, and prints how many each fired.
import { runRules } from "@/lib/support/rules";
import { sweepSlaBreaches } from "@/lib/support/sla";

const [taskId, at] = process.argv.slice(2).map(Number);
const [fired, breached] = await Promise.all([runRules([taskId], "child"), sweepSlaBreaches(new Date(at))]);
console.log(JSON.stringify({ fired, breached }));
