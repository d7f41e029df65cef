// A claimed escalation or SLA breach is written with everything it implies, or not at all
// (RELIABILITY.md "Notifications are sent once"). A write failing after the claim is injected
// with a real SQLite trigger that aborts the insert of the e-mail or of the webhook delivery, as
// a full disk or a lost database would stop it there; and a real process is killed while it
// writes. The next run, with the fault gone, must then fire it exactly once.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { claimRuleFiring, claimSlaBreach, taskFacts } from "@/db/queries/support";
import { emailOutbox, taskEvents, tasks, webhookDeliveries } from "@/db/schema";
import { resetEnvCache } from "@/lib/platform/env";
import { seedDemo } from "@/lib/demo/seed";
import { registerWebhook } from "@/lib/admin/webhooks";
import { createUser } from "@/lib/admin/users";
import { createRule, runRules } from "@/lib/support/rules";
import { sweepSlaBreaches } from "@/lib/support/sla";
import { useFreshDatabase, unique } from "../support/temp-db";

const SMTP = { SMTP_HOST: "127.0.0.1", SMTP_PORT: "1", SMTP_TLS: "none" }; // queued only: no worker sends here
const NOW = Date.now();
let agentId: number;
let phrase: string;
let url: string;

beforeAll(async () => {
  Object.assign(process.env, SMTP);
  resetEnvCache();
  ({ url } = await useFreshDatabase());
  await seedDemo({ tasks: 10, examples: 600, quiet: true });
  const sue = await createUser({ email: `${unique("sup")}@example.test`, name: "Sue", password: "password-long-1", role: "supervisor" }, null);
  agentId = (await createUser({ email: `${unique("agent")}@example.test`, name: "Ada", password: "password-long-1", role: "agent" }, null)).id;
  // Registered only: nothing is delivered here, the deliveries stay queued.
  await registerWebhook({ url: "https://93.184.216.34/hook", events: ["task.escalated", "task.sla_breached"] }, sue.id);
  phrase = unique("heron");
  await createRule(
    { name: "Heron", conditions: { phrases: [phrase] }, actions: { set_priority: "urgent", assign_to: agentId, add_tag: "heron", emails: ["lead@example.test"], webhook: true } },
    null,
  );
  // The demo's own requests that are due at NOW are swept first, so each sweep below meets only the test's request.
  while ((await sweepSlaBreaches(new Date(NOW))) > 0);
});
afterAll(() => {
  for (const k of Object.keys(SMTP)) delete process.env[k];
  resetEnvCache();
});

/**
 * A request inserted directly (no rule has run on it). `due`: its first-response deadline ran out
 * a second before NOW (only the breach tests' requests, so every sweep meets only its own).
 */
async function newRequest({ due = false, matching = true } = {}): Promise<number> {
  const [row] = await getDb()
    .insert(tasks)
    .values({ accountId: 1, categoryId: 1, text: `The ${matching ? phrase : "other"} invoice is wrong`, sentiment: "negative", confidence: 0.9, priority: "high", priorityReasons: ["negative 90%"], slaDueAt: new Date(due ? NOW - 1000 : NOW + 3_600_000) })
    .returning({ id: tasks.id });
  return row.id;
}

/** Every row the firing or breach may write for the task, as one picture. */
async function written(taskId: number) {
  const db = getDb();
  const onTask = (subject: string) => subject.includes(`request #${taskId} `);
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  return {
    events: (await db.select().from(taskEvents).where(eq(taskEvents.taskId, taskId))).map((e) => e.kind).sort(),
    mails: (await db.select().from(emailOutbox)).filter((m) => onTask(m.subject)).map((m) => m.reason),
    deliveries: (await db.select().from(webhookDeliveries)).filter((d) => (d.payload.data as { task_id: number }).task_id === taskId).map((d) => d.event),
    task: { priority: task.priority, assignedTo: task.assignedTo, tags: task.tags, firstResponseMissed: task.slaFirstResponseBreachedAt !== null, slaDueAt: task.slaDueAt?.getTime() },
  };
}

/** Runs `work` while every insert into `table` fails, as a database that fails mid-write would. */
async function withFailingInserts<T>(table: "email_outbox" | "webhook_deliveries", work: () => Promise<T>): Promise<T> {
  const db = getDb();
  await db.run(sql.raw(`create trigger fail_${table} before insert on ${table} begin select raise(abort, 'injected failure'); end`));
  try {
    return await work();
  } finally {
    await db.run(sql.raw(`drop trigger fail_${table}`));
  }
}

describe.each(["email_outbox", "webhook_deliveries"] as const)("a write into %s failing after the claim", (table) => {
  it("leaves an escalation rule's firing unwritten, and the next run fires it once with its e-mail and webhook", async () => {
    const taskId = await newRequest();
    const before = await written(taskId);
    expect(await withFailingInserts(table, () => runRules([taskId], "created"))).toBe(0);
    expect(await written(taskId)).toEqual(before);
    expect(before).toMatchObject({ events: [], mails: [], deliveries: [], task: { priority: "high", assignedTo: null, tags: [] } });

    expect(await runRules([taskId], "re-scored")).toBe(1);
    expect(await runRules([taskId], "reviewed")).toBe(0);
    expect(await written(taskId)).toMatchObject({
      events: ["assigned", "escalated"],
      mails: ["task.escalated"],
      deliveries: ["task.escalated"],
      task: { priority: "urgent", assignedTo: agentId, tags: ["heron"] },
    });
  });

  it("leaves an SLA breach unclaimed, and the next sweep records it once with its timeline entry, e-mail and webhook", async () => {
    const taskId = await newRequest({ due: true });
    const before = await written(taskId);
    expect(await withFailingInserts(table, () => sweepSlaBreaches(new Date(NOW)))).toBe(0);
    expect(await written(taskId)).toEqual(before);
    expect(before).toMatchObject({ events: [], mails: [], deliveries: [], task: { firstResponseMissed: false, slaDueAt: NOW - 1000 } });

    expect(await sweepSlaBreaches(new Date(NOW))).toBe(1);
    expect(await sweepSlaBreaches(new Date(NOW))).toBe(0);
    const after = await written(taskId);
    expect(after).toMatchObject({ events: ["sla_breached"], mails: ["task.sla_breached"], deliveries: ["task.sla_breached"], task: { firstResponseMissed: true } });
    expect(after.task.slaDueAt).toBeGreaterThan(NOW);
  });
});

describe("the claim of a rule's firing", () => {
  const firing = (taskId: number, ruleId: number, tag: string) => ({
    event: { taskId, ruleId, kind: "escalated" as const, summary: `fired (${tag})` },
    change: { tags: [tag] },
    events: [{ taskId, kind: "assigned" as const, summary: `assigned (${tag})` }],
    announcement: { email: { to: ["lead@example.test"], subject: `Escalated: request #${taskId} (${tag})`, body: tag, reason: "task.escalated" }, webhook: { event: "task.escalated" as const, payload: { data: { task_id: taskId } } } },
  });

  it("writes nothing of the firing that lost: neither its change to the task nor its rows", async () => {
    const taskId = await newRequest();
    const ruleId = 900_000 + taskId;
    expect(await claimRuleFiring(firing(taskId, ruleId, "first"))).toBe(true);
    expect(await claimRuleFiring(firing(taskId, ruleId, "second"))).toBe(false);
    const after = await written(taskId);
    expect(after).toMatchObject({ events: ["assigned", "escalated"], mails: ["task.escalated"], deliveries: ["task.escalated"], task: { tags: ["first"] } });
  });

  it("that moves the SLA clock needs the task as it was read: changed meanwhile, nothing is written", async () => {
    const taskId = await newRequest();
    const [read] = await taskFacts({ taskIds: [taskId] });
    await getDb().update(tasks).set({ status: "replied", firstResponseAt: new Date() }).where(eq(tasks.id, taskId));
    expect(await claimRuleFiring({ ...firing(taskId, 900_000 + taskId, "stale"), asRead: read })).toBe(false);
    expect(await written(taskId)).toMatchObject({ events: [], mails: [], deliveries: [], task: { tags: [] } });
  });
});

describe("the claim of an SLA breach", () => {
  it("writes nothing of a breach that lost: a second claim from the same read gets nothing and adds no row", async () => {
    const taskId = await newRequest({ due: true });
    const [read] = await taskFacts({ taskIds: [taskId] });
    const breach = (n: number) => ({
      event: { taskId, kind: "sla_breached" as const, summary: `missed (${n})`, details: { clock: `first_response:${n}` } },
      announcement: { email: { to: ["lead@example.test"], subject: `SLA breached: request #${taskId} (${n})`, body: "", reason: "task.sla_breached" }, webhook: { event: "task.sla_breached" as const, payload: { data: { task_id: taskId } } } },
    });
    const claim = (n: number) => claimSlaBreach({ task: read, clock: "first response", now: new Date(NOW), nextDue: new Date(NOW + 3_600_000), breach: breach(n) });
    expect(await claim(1)).toEqual({ id: taskId });
    expect(await claim(2)).toBeNull();
    expect(await written(taskId)).toMatchObject({ events: ["sla_breached"], mails: ["task.sla_breached"], deliveries: ["task.sla_breached"], task: { firstResponseMissed: true, slaDueAt: NOW + 3_600_000 } });
  });
});

/**
 * A real process killed in the middle of writing: tests/support/support-child.ts runs the rules and
 * the sweep on one request while a trigger makes the insert of its e-mail take seconds (a join of
 * a scratch table with itself); once that process holds the write lock, it gets SIGKILL.
 */
describe.each([
  { what: "an escalation rule's firing", request: { matching: true, due: false } },
  { what: "an SLA breach", request: { matching: false, due: true } },
])("a process killed while it writes $what", ({ request }) => {
  it("leaves nothing written; the next run writes it once, with its e-mail and webhook", { timeout: 60_000 }, async () => {
    const db = getDb();
    const taskId = await newRequest(request);
    const before = await written(taskId);
    await db.run(sql.raw("create table slow (i integer)"));
    await db.run(sql`insert into slow select value from json_each(${JSON.stringify(Array.from({ length: 400 }, (_, i) => i))})`);
    await db.run(sql.raw("create trigger slow_outbox before insert on email_outbox begin select count(*) from slow a, slow b, slow c; end"));
    const child = spawn(process.execPath, ["--import", "tsx", path.join("tests", "support", "support-child.ts")], { env: { ...process.env, DATABASE_URL: url }, stdio: ["pipe", "pipe", "inherit"] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    try {
      const lines = readline.createInterface({ input: child.stdout });
      await new Promise<void>((resolve) => lines.on("line", (line) => line === "ready" && resolve()));
      child.stdin.write(`${taskId} ${NOW}\n`);
      // The child holds the write lock once its batch has begun writing: a write here fails busy.
      const probe = createClient({ url, timeout: 1 });
      for (;;) {
        try {
          await probe.batch(["select 1"], "write"); // BEGIN IMMEDIATE … COMMIT
        } catch (error) {
          if (!/SQLITE_BUSY/.test(String(error))) throw error;
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      probe.close();
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL"); // killed, not finished
    } finally {
      child.kill("SIGKILL");
      await db.run(sql.raw("drop trigger if exists slow_outbox"));
      await db.run(sql.raw("drop table if exists slow"));
    }
    expect(await written(taskId)).toEqual(before);

    const fired = request.due ? await sweepSlaBreaches(new Date(NOW)) : await runRules([taskId], "re-scored");
    expect(fired).toBe(1);
    const kind = request.due ? "task.sla_breached" : "task.escalated";
    expect(await written(taskId)).toMatchObject({ mails: [kind], deliveries: [kind] });
  });
});
