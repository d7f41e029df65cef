// Several processes evaluate the same escalation rule and sweep the same SLA clock at once, on one
// real database file: each notification is claimed once (RELIABILITY.md "Notifications are sent once").
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { emailOutbox, taskEvents, tasks, webhookDeliveries } from "@/db/schema";
import { resetEnvCache } from "@/lib/platform/env";
import { seedDemo } from "@/lib/demo/seed";
import { registerWebhook } from "@/lib/admin/webhooks";
import { createRule } from "@/lib/support/rules";
import { createUser } from "@/lib/admin/users";
import { useFreshDatabase, unique } from "../support/temp-db";

const PROCESSES = 3;
/**
 * One request falls due per round, and every process sweeps for it at the same moment. A sweep
 * that read the due request just before another process claimed its first-response miss used to
 * claim its resolution clock too, hours early (measured: about one round in eight with three
 * processes on a loaded machine), so many rounds make that visible.
 */
const ROUNDS = 24;

type Answer = { fired: number; breached: number };

/** tests/support/support-child.ts in its own Node process; `ask` sends one round and waits for its answer. */
function startChild(url: string) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["--import", "tsx", path.join("tests", "support", "support-child.ts")], {
    env: { ...process.env, DATABASE_URL: url },
  });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  // Its logger writes JSON lines to stdout too; the answers are the lines the script prints.
  const next = async (wanted: (line: string) => boolean): Promise<string> => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`support-child exited: ${stderr}`);
      if (wanted(value)) return value;
    }
  };
  return {
    ready: () => next((l) => l === "ready"),
    ask: async (taskId: number, at: number): Promise<Answer> => {
      child.stdin.write(`${taskId} ${at}\n`);
      return JSON.parse(await next((l) => l.startsWith('{"fired"'))) as Answer;
    },
    stop: () => child.stdin.end(),
  };
}

describe("several processes", () => {
  it("send one escalation and one breach (timeline, e-mail, webhook) per request between them", { timeout: 180_000 }, async () => {
    const smtp = { SMTP_HOST: "127.0.0.1", SMTP_PORT: "1", SMTP_TLS: "none" }; // queued only: nobody sends here
    Object.assign(process.env, smtp);
    resetEnvCache();
    const children: ReturnType<typeof startChild>[] = [];
    try {
      const { url } = await useFreshDatabase();
      await seedDemo({ tasks: 10, examples: 600, quiet: true });
      // The breach of an unowned request is e-mailed to the supervisors.
      const sue = await createUser({ email: `${unique("sup")}@example.test`, name: "Sue", password: "password-long-1", role: "supervisor" }, null);
      // Registered only: no worker runs here, so the deliveries stay queued (and nothing is sent).
      await registerWebhook({ url: "https://93.184.216.34/hook", events: ["task.escalated", "task.sla_breached"] }, sue.id);
      const phrase = unique("heron");
      await createRule({ name: "Heron", conditions: { phrases: [phrase] }, actions: { emails: ["lead@example.test"], webhook: true } }, null);
      // Inserted directly, so no rule has run yet. Round r's request fell due at start + r s and is
      // swept half a second later; its first response is missed, its resolution is hours ahead.
      const start = Date.now() - ROUNDS * 1000 - 60_000;
      const rows = await getDb()
        .insert(tasks)
        .values(
          Array.from({ length: ROUNDS }, (_, r) => ({
            accountId: 1,
            categoryId: 1,
            text: `The ${phrase} invoice is wrong (${r})`,
            sentiment: "negative" as const,
            confidence: 0.9,
            priority: "high" as const,
            priorityReasons: ["negative 90%"],
            slaDueAt: new Date(start + r * 1000),
          })),
        )
        .returning({ id: tasks.id });
      const ids = rows.map((r) => r.id);

      for (let i = 0; i < PROCESSES; i++) children.push(startChild(url));
      await Promise.all(children.map((c) => c.ready()));
      const answers: Answer[][] = [];
      for (const [r, id] of ids.entries()) answers.push(await Promise.all(children.map((c) => c.ask(id, start + r * 1000 + 500))));

      expect(answers.map((round) => round.reduce((n, a) => n + a.fired, 0))).toEqual(ids.map(() => 1));
      expect(answers.map((round) => round.reduce((n, a) => n + a.breached, 0))).toEqual(ids.map(() => 1));
      // What people see: one escalation and one missed first response per request; the resolution clock still runs.
      const events = await getDb().select().from(taskEvents).where(inArray(taskEvents.taskId, ids));
      const perTask = (kinds: { taskId: number; kind: string }[]) => ids.map((id) => kinds.filter((k) => k.taskId === id).map((k) => k.kind).sort());
      expect(perTask(events)).toEqual(ids.map(() => ["escalated", "sla_breached"]));
      expect(events.filter((e) => e.kind === "sla_breached").map((e) => e.details.target)).toEqual(ids.map(() => "first response"));
      const after = await getDb().select().from(tasks).where(inArray(tasks.id, ids));
      expect(after.filter((t) => t.slaResolutionBreachedAt !== null)).toEqual([]);
      const mails = await getDb().select().from(emailOutbox);
      const mailOf = (m: { subject: string; reason: string }) => ({ taskId: Number(/request #(\d+)/.exec(m.subject)?.[1]), kind: m.reason });
      expect(perTask(mails.map(mailOf))).toEqual(ids.map(() => ["task.escalated", "task.sla_breached"]));
      const deliveries = await getDb().select().from(webhookDeliveries);
      const deliveryOf = (d: { payload: Record<string, unknown>; event: string }) => ({ taskId: (d.payload.data as { task_id: number }).task_id, kind: d.event });
      expect(perTask(deliveries.map(deliveryOf))).toEqual(ids.map(() => ["task.escalated", "task.sla_breached"]));
    } finally {
      for (const c of children) c.stop();
      for (const k of Object.keys(smtp)) delete process.env[k];
      resetEnvCache();
    }
  });
});
