// Several processes evaluate the same escalation rule and sweep the same SLA clock at once, on one
// real database file: each notification is claimed once (RELIABILITY.md "Notifications are sent once").
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { emailOutbox, taskEvents, tasks } from "@/db/schema";
import { resetEnvCache } from "@/lib/platform/env";
import { seedDemo } from "@/lib/demo/seed";
import { createRule } from "@/lib/support/rules";
import { createUser } from "@/lib/admin/users";
import { useFreshDatabase, unique } from "../support/temp-db";

const run = promisify(execFile);

describe("several processes", () => {
  it("send one escalation e-mail and one breach e-mail between them", { timeout: 120_000 }, async () => {
    const smtp = { SMTP_HOST: "127.0.0.1", SMTP_PORT: "1", SMTP_TLS: "none" }; // queued only: nobody sends here
    Object.assign(process.env, smtp);
    resetEnvCache();
    try {
      const { url } = await useFreshDatabase();
      await seedDemo({ tasks: 10, examples: 600, quiet: true });
      // The breach of an unowned request is e-mailed to the supervisors.
      await createUser({ email: `${unique("sup")}@example.test`, name: "Sue", password: "password-long-1", role: "supervisor" }, null);
      const phrase = unique("heron");
      await createRule({ name: "Heron", conditions: { phrases: [phrase] }, actions: { emails: ["lead@example.test"], webhook: true } }, null);
      // Inserted directly, so no rule has run yet and its clock is already due.
      const [row] = await getDb()
        .insert(tasks)
        .values({ accountId: 1, categoryId: 1, text: `The ${phrase} invoice is wrong`, sentiment: "negative", confidence: 0.9, priority: "high", priorityReasons: ["negative 90%"], slaDueAt: new Date(Date.now() - 60_000) })
        .returning({ id: tasks.id });
      const child = () =>
        run(process.execPath, ["--import", "tsx", path.join("tests", "support", "support-child.ts"), String(row.id), String(Date.now())], { env: { ...process.env, DATABASE_URL: url } });
      const answers = (await Promise.all([child(), child(), child()])).map((r) => JSON.parse(r.stdout.trim().split("\n").pop()!) as { fired: number; breached: number });
      expect(answers.reduce((n, a) => n + a.fired, 0)).toBe(1);
      expect(answers.reduce((n, a) => n + a.breached, 0)).toBe(1);
      const events = await getDb().select().from(taskEvents).where(eq(taskEvents.taskId, row.id));
      expect(events.map((e) => e.kind).sort()).toEqual(["escalated", "sla_breached"]);
      const mails = await getDb().select().from(emailOutbox);
      expect(mails.map((m) => m.reason).sort()).toEqual(["task.escalated", "task.sla_breached"]);
    } finally {
      for (const k of Object.keys(smtp)) delete process.env[k];
      resetEnvCache();
    }
  });
});
