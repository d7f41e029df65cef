// The level of support on a real database: priorities, ownership, escalation rules, SLA
// clocks and e-mail through a real local SMTP server (tests/support/smtp.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { saveEmotions } from "@/db/queries/emotions";
import { listTaskEvents } from "@/db/queries/support";
import { auditLog, emailOutbox, escalationRules, tasks } from "@/db/schema";
import { createScoredTask } from "@/lib/intake/scored-task";
import { resetEnvCache } from "@/lib/platform/env";
import { deliverDueEmails } from "@/lib/mail/outbox";
import { reviewTasks } from "@/lib/tasks/reviews";
import { assignTasks, changeStatus, routeNewTask, takeTask, changeRoundRobin } from "@/lib/support/ownership";
import { computePriority } from "@/lib/support/priority";
import { createRule, changeRule, dryRunRule, runRules, runTimedRules, compileRule, validateRule } from "@/lib/support/rules";
import { sweepSlaBreaches, updateSlaTargets, slaTargets } from "@/lib/support/sla";
import { backfillPriorities, setPriorityByHand } from "@/lib/support/task-priority";
import { claimSlaBreach, taskFacts, taskFactsPage } from "@/db/queries/support";
import { DAY_MS } from "@/lib/platform/days";
import { createUser } from "@/lib/admin/users";
import { startSmtpServer } from "../support/smtp";
import { unique } from "../support/temp-db";
import { freshDemoDatabase } from "../support/demo-db";

const ANGRY = [
  "My refund still has not arrived and nobody answers my emails. This is unacceptable.",
  "I was charged twice again and support keeps ignoring me. Terrible service.",
  "The app crashed and deleted my order, I am furious and want my money back.",
];
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let supervisor: { id: number; name: string; email: string };
let agent: { id: number; name: string; email: string };
let agent2: { id: number; name: string; email: string };

const task = async (id: number) => (await getDb().select().from(tasks).where(eq(tasks.id, id)))[0];
const newRequest = (text: string, email = `${unique("c")}@example.test`, category = "Billing", channel: "web" | "phone" = "web") =>
  createScoredTask({ account: { name: "Customer", email }, category, channel, text });

beforeAll(async () => {
  smtp = await startSmtpServer(0);
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String(smtp.port);
  process.env.SMTP_TLS = "none";
  process.env.SMTP_FROM = "alerts@csa.test";
  resetEnvCache();
  await freshDemoDatabase({ tasks: 200, examples: 900 });
  const mk = async (role: "supervisor" | "agent", name: string) => {
    const email = `${unique(role)}@example.test`;
    const u = await createUser({ email, name, password: "password-long-1", role }, null);
    return { id: u.id, name, email };
  };
  supervisor = await mk("supervisor", "Sam Supervisor");
  agent = await mk("agent", "Ada Agent");
  agent2 = await mk("agent", "Ben Agent");
});
afterAll(async () => {
  await smtp.close();
  for (const k of ["SMTP_HOST", "SMTP_PORT", "SMTP_TLS", "SMTP_FROM"]) delete process.env[k];
  resetEnvCache();
});

describe("priority", () => {
  it("scores anger, a negative run, a cancellation and a live channel into words", () => {
    const r = computePriority({ sentiment: "negative", confidence: 0.94, emotion: "anger", negativeStreak: 3, accountAtRisk: true, categorySlug: "billing", channel: "web" });
    expect(r).toEqual({ priority: "urgent", reasons: ["negative 94%", "anger", "3rd negative request in a row from this account"] });
    expect(computePriority({ sentiment: "negative", confidence: 0.9, emotion: "neutral", negativeStreak: 1, accountAtRisk: false, categorySlug: "billing", channel: "web" }).priority).toBe("high");
    expect(computePriority({ sentiment: "positive", confidence: 0.9, emotion: "joy", negativeStreak: 0, accountAtRisk: false, categorySlug: "billing", channel: "web" }).priority).toBe("low");
    expect(computePriority({ sentiment: "neutral", confidence: 0.7, emotion: null, negativeStreak: 0, accountAtRisk: false, categorySlug: "cancellations", channel: "phone" }).reasons).toEqual([
      "neutral 70%",
      "asks to cancel",
      "customer waiting on phone",
    ]);
  });

  it("gives a new request its priority, reasons, SLA clock and a timeline entry; the account's run raises it", async () => {
    const email = `${unique("run")}@example.test`;
    const ids = [];
    for (const text of ANGRY) ids.push((await newRequest(text, email)).taskId);
    const first = await task(ids[0]);
    expect(first.sentiment).toBe("negative");
    expect(first.priorityReasons[0]).toMatch(/^negative \d+%$/);
    expect(first.slaDueAt).not.toBeNull();
    const third = await task(ids[2]);
    expect(third.priority).toBe("urgent");
    expect(third.priorityReasons).toContain("3rd negative request in a row from this account");
    const targets = await slaTargets();
    expect(third.slaDueAt!.getTime() - third.createdAt.getTime()).toBe(targets.urgent.firstResponseMinutes * 60_000);
    expect((await listTaskEvents({ taskId: ids[2] })).map((e) => e.summary)).toEqual([expect.stringMatching(/^Priority urgent: negative \d+%, 3rd negative/)]);
  });

  it("re-scores when the emotion arrives, but keeps a priority set by hand", async () => {
    const { taskId, predictionId } = await newRequest("The invoice is wrong and the charge is too high, please fix it.");
    const before = await task(taskId);
    await saveEmotions([{ predictionId, taskId, emotion: "anger", scores: { anger: 0.9 }, model: "test" }]);
    const { refreshPriorities } = await import("@/lib/support/task-priority");
    await refreshPriorities([taskId], "emotion arrived");
    const after = await task(taskId);
    expect(after.priorityReasons).toContain("anger");
    if (before.sentiment === "negative") expect(after.priority).not.toBe(before.priority);

    await setPriorityByHand(taskId, "low", { id: supervisor.id, name: supervisor.name });
    await reviewTasks({ taskIds: [taskId], label: "negative" }, supervisor.id);
    const reviewed = await task(taskId);
    expect(reviewed).toMatchObject({ priority: "low", prioritySource: "manual" });
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.target, `task:${taskId}`));
    expect(audit.map((a) => a.action)).toContain("task.priority");
    await setPriorityByHand(taskId, "auto", { id: supervisor.id, name: supervisor.name });
    expect((await task(taskId)).prioritySource).toBe("computed");
  });

  it("backfills tasks made before priorities existed, without a clock", async () => {
    const [seeded] = await getDb().select().from(tasks).limit(1);
    await getDb().update(tasks).set({ priorityReasons: [], priority: "normal" }).where(eq(tasks.id, seeded.id));
    expect(await backfillPriorities()).toBeGreaterThanOrEqual(1);
    const row = await task(seeded.id);
    expect(row.priorityReasons.length).toBeGreaterThan(0);
    expect(row.slaDueAt).toBeNull();
    expect(await backfillPriorities()).toBe(0);
  });
});

describe("ownership", () => {
  it("lets an agent take an unassigned task once, and a supervisor reassign in bulk", async () => {
    const a = (await newRequest("Where is my invoice for last month? Thanks.")).taskId;
    const b = (await newRequest("Please update the billing address on my account.")).taskId;
    await takeTask(a, agent);
    await expect(takeTask(a, agent2)).rejects.toThrow(/already taken/);
    expect((await task(a)).assignedTo).toBe(agent.id);
    await assignTasks({ taskIds: [a, b], ownerId: agent2.id }, supervisor);
    expect((await task(a)).assignedTo).toBe(agent2.id);
    expect((await task(b)).assignedTo).toBe(agent2.id);
    await expect(assignTasks({ taskIds: [a, 99_999_999], ownerId: agent.id }, supervisor)).rejects.toThrow(/99999999 does not exist/);
    await expect(assignTasks({ taskIds: [a], ownerId: 99_999 }, supervisor)).rejects.toThrow(/no active user/);
    expect((await listTaskEvents({ taskId: a })).map((e) => e.summary)).toEqual(expect.arrayContaining([`Taken by ${agent.name}`, `Assigned to ${agent2.name} by ${supervisor.name}`]));
  });

  it("lets an agent's PATCH take a task and change its status, but not assign others or set the priority", async () => {
    const { patchTask } = await import("@/lib/support/task-patch");
    const { taskId } = await newRequest("I need a copy of my last three invoices please.");
    const asAgent = { actor: agent, mayManage: false };
    await expect(patchTask(taskId, { priority: "urgent" }, asAgent)).rejects.toThrow(/Only a supervisor/);
    await expect(patchTask(taskId, { owner: agent2.id }, asAgent)).rejects.toThrow(/only take an unassigned task for themself/);
    expect((await task(taskId)).assignedTo).toBeNull();
    await patchTask(taskId, { owner: agent.id, status: "read" }, asAgent);
    expect(await task(taskId)).toMatchObject({ assignedTo: agent.id, status: "read" });
    await expect(patchTask(taskId, { owner: agent.id }, { actor: agent2, mayManage: false })).rejects.toThrow(/only take an unassigned task/);
    await patchTask(taskId, { owner: null }, { actor: supervisor, mayManage: true });
    expect((await task(taskId)).assignedTo).toBeNull();
  });

  it("hands a category's new requests to active agents in turn", async () => {
    const [{ id: categoryId }] = (await getDb().$client.execute("select id from categories where slug = 'reports'")).rows as unknown as { id: number }[];
    await changeRoundRobin(categoryId, true, supervisor);
    const owners = [];
    for (let i = 0; i < 3; i++) owners.push((await task((await newRequest(`Report number ${i} is missing a column, could you check?`, undefined, "Reports")).taskId)).assignedTo);
    expect(owners[0]).not.toBeNull();
    expect(owners[1]).not.toBe(owners[0]);
    await changeRoundRobin(categoryId, false, supervisor);
    expect(await routeNewTask(1, categoryId)).toBeNull();
  });

  it("stops the first-response clock on a reply and the whole clock on close", async () => {
    const { taskId } = await newRequest("Can you explain this fee on my bill?");
    const open = await task(taskId);
    await changeStatus(taskId, "replied", agent);
    const replied = await task(taskId);
    expect(replied.firstResponseAt).not.toBeNull();
    const targets = await slaTargets();
    expect(replied.slaDueAt!.getTime() - open.createdAt.getTime()).toBe(targets[open.priority].resolutionMinutes * 60_000);
    await changeStatus(taskId, "closed", agent);
    expect((await task(taskId)).slaDueAt).toBeNull();
  });
});

describe("escalation rules", () => {
  it("refuses a bad rule with the reason and saves nothing", async () => {
    const count = async () => (await getDb().select().from(escalationRules)).length;
    const before = await count();
    await expect(createRule({ name: "x", conditions: {}, actions: { webhook: true } }, supervisor.id)).rejects.toThrow(/at least one condition/);
    await expect(createRule({ name: "x", conditions: { sentiments: ["negative"] }, actions: {} }, supervisor.id)).rejects.toThrow(/at least one action/);
    await expect(createRule({ name: "x", conditions: { sentiments: ["furious"] }, actions: { webhook: true } }, supervisor.id)).rejects.toThrow(/conditions\.sentiments/);
    await expect(createRule({ name: "x", conditions: { sentiments: ["negative"] }, actions: { assign_to: 99_999 } }, supervisor.id)).rejects.toThrow(/no active user 99999/);
    await expect(createRule({ name: "x", conditions: { category_ids: [99_999] }, actions: { webhook: true } }, supervisor.id)).rejects.toThrow(/Unknown category 99999/);
    await expect(createRule({ name: "x", conditions: { phrases: ["refund"] }, actions: { emails: ["not-an-address"] } }, supervisor.id)).rejects.toThrow(/valid e-mail/);
    expect(await count()).toBe(before);
  });

  it("dry-runs a rule over the last 30 days: the count is what the rule matches", async () => {
    const input = { name: "Negative billing", conditions: { sentiments: ["negative"], phrases: ["charge"] }, actions: { webhook: true } };
    const result = await dryRunRule(input);
    const rule = compileRule({ id: 0, ...(await validateRule(input)) });
    const now = Date.now();
    const all = await taskFactsPage({ from: new Date(now - 30 * DAY_MS), limit: 100_000 });
    expect(result.matched).toBe(all.filter((t) => rule.matches(t, now)).length);
    expect(result.matched).toBeGreaterThan(0);
    expect(result.examined).toBe(all.length);
  });

  it("fires on a new request: sets priority, assigns, tags, and e-mails once, even when run again", async () => {
    const phrase = unique("zebra");
    const rule = await createRule(
      { name: "Zebra escalation", conditions: { phrases: [phrase] }, actions: { set_priority: "urgent", assign_to: agent.id, add_tag: "zebra", emails: ["lead@example.test"], webhook: true } },
      supervisor.id,
    );
    const { taskId } = await newRequest(`My ${phrase} order never arrived, this is terrible.`);
    const row = await task(taskId);
    expect(row).toMatchObject({ priority: "urgent", prioritySource: "rule", assignedTo: agent.id, tags: ["zebra"] });
    expect(row.priorityReasons).toContain('rule "Zebra escalation"');
    // Two more runs, at once, as two processes would: the claim lets neither fire again.
    expect(await Promise.all([runRules([taskId], "re-scored"), runRules([taskId], "reviewed")])).toEqual([0, 0]);
    const events = await listTaskEvents({ taskId });
    expect(events.filter((e) => e.kind === "escalated")).toHaveLength(1);
    expect(events.map((e) => e.summary)).toContain(`Assigned to ${agent.name} by rule "Zebra escalation"`);

    smtp.received.length = 0;
    expect(await deliverDueEmails()).toBe(1);
    expect(await deliverDueEmails()).toBe(0);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to).toEqual(["lead@example.test"]);
    expect(mail.from).toBe("alerts@csa.test");
    expect(mail.subject).toBe(`[urgent] Escalated: request #${taskId} from Customer`);
    expect(mail.body).toContain('Escalation rule "Zebra escalation" fired (created)');
    expect(mail.body).toContain(phrase);

    await changeRule(rule.id, { active: false }, supervisor.id);
    const again = await newRequest(`Another ${phrase} problem.`);
    expect((await task(again.taskId)).tags).toEqual([]);
  });

  it("fires a waiting rule from the timer once the request has waited long enough", async () => {
    const phrase = unique("otter");
    await createRule({ name: "Otter waits", conditions: { phrases: [phrase], waiting_minutes: 30 }, actions: { add_tag: "waited" } }, supervisor.id);
    const { taskId } = await newRequest(`The ${phrase} report is late.`);
    expect((await task(taskId)).tags).toEqual([]);
    const created = (await task(taskId)).createdAt.getTime();
    expect(await runTimedRules({ now: created + 10 * 60_000, since: created })).toBe(0);
    expect(await runTimedRules({ now: created + 31 * 60_000, since: created + 10 * 60_000 })).toBe(1);
    expect((await task(taskId)).tags).toEqual(["waited"]);
    expect(await runTimedRules({ now: created + 32 * 60_000, since: created })).toBe(0);
  });
});

describe("SLA", () => {
  it("refuses targets that make no sense, naming the field", async () => {
    const good = { urgent_first_response: 60, urgent_resolution: 480, high_first_response: 240, high_resolution: 1440, normal_first_response: 480, normal_resolution: 2880, low_first_response: 1440, low_resolution: 7200 };
    await expect(updateSlaTargets({ ...good, high_resolution: 10 }, supervisor.id)).rejects.toThrow(/high resolution target cannot be shorter/);
    await expect(updateSlaTargets({ ...good, urgent_first_response: "soon" }, supervisor.id)).rejects.toThrow(/urgent first-response target must be a number/);
    expect((await slaTargets()).high.resolutionMinutes).toBe(1440);
  });

  it("breaches once, even with two sweeps at once, on the timeline and by e-mail to the owner", async () => {
    const { taskId } = await newRequest("Nobody has called me back about my bill, I am very upset.");
    await takeTask(taskId, agent);
    const row = await task(taskId);
    const later = new Date(row.slaDueAt!.getTime() + 1000);
    smtp.received.length = 0;
    await getDb().delete(emailOutbox);
    const fired = await Promise.all([sweepSlaBreaches(later), sweepSlaBreaches(later)]);
    expect(fired[0] + fired[1]).toBeGreaterThanOrEqual(1);
    expect(await sweepSlaBreaches(later)).toBe(0); // the same moment again: everything due was claimed
    const breached = await task(taskId);
    expect(breached.slaBreachedAt).not.toBeNull();
    expect(breached.slaFirstResponseBreachedAt).not.toBeNull();
    // The resolution clock keeps running from the arrival.
    const targets = await slaTargets();
    expect(breached.slaDueAt!.getTime()).toBe(row.createdAt.getTime() + targets[row.priority].resolutionMinutes * 60_000);
    expect((await listTaskEvents({ taskId })).filter((e) => e.kind === "sla_breached")).toHaveLength(1);
    await deliverDueEmails();
    const toOwner = smtp.received.filter((m) => m.subject.includes(`request #${taskId}`));
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0].to).toEqual([agent.email]);
    expect(toOwner[0].subject).toMatch(/SLA breached/);
  });
});

describe("SLA: both clocks, and a reopened request", () => {
  const breaches = async (taskId: number) => (await listTaskEvents({ taskId })).filter((e) => e.kind === "sla_breached").map((e) => e.summary).reverse();

  it("misses first response, then resolution: each recorded once, the clock stops after both", async () => {
    const { taskId } = await newRequest("Still no answer about my broken order, I am very unhappy.");
    const row = await task(taskId);
    const t = (await slaTargets())[row.priority];
    const firstDue = new Date(row.createdAt.getTime() + t.firstResponseMinutes * 60_000);
    const resolutionDue = new Date(row.createdAt.getTime() + t.resolutionMinutes * 60_000);
    expect(row.slaDueAt).toEqual(firstDue);

    const afterFirst = new Date(firstDue.getTime() + 1000);
    // Two sweeps at once, as two workers would (other tests' requests may be due too).
    await Promise.all([sweepSlaBreaches(afterFirst), sweepSlaBreaches(afterFirst)]);
    expect(await breaches(taskId)).toEqual([`SLA breached: no first response within the ${row.priority} target`]);
    expect((await task(taskId)).slaDueAt).toEqual(resolutionDue);

    // A reply now is late but still a first response; it does not resolve the request.
    await changeStatus(taskId, "replied", agent);
    expect((await task(taskId)).slaDueAt).toEqual(resolutionDue);

    const afterResolution = new Date(resolutionDue.getTime() + 1000);
    await Promise.all([sweepSlaBreaches(afterResolution), sweepSlaBreaches(afterResolution)]);
    await sweepSlaBreaches(new Date(resolutionDue.getTime() + 60 * 60_000));
    const done = await task(taskId);
    expect(done.slaResolutionBreachedAt).toEqual(afterResolution);
    expect(done.slaBreachedAt).toEqual(afterFirst); // the first miss stays the task's breach time
    expect(done.slaDueAt).toBeNull();
    expect(await breaches(taskId)).toEqual([`SLA breached: no first response within the ${row.priority} target`, `SLA breached: not resolved within the ${row.priority} target`]);
  });

  it("a clock is claimed only once it has run out, whatever the claiming process read before", async () => {
    const { taskId } = await newRequest("Nobody has answered my complaint about the late delivery, I am angry.");
    const row = await task(taskId);
    const t = (await slaTargets())[row.priority];
    const afterFirst = new Date(row.createdAt.getTime() + t.firstResponseMinutes * 60_000 + 1000);
    expect(await sweepSlaBreaches(afterFirst)).toBeGreaterThanOrEqual(1);
    // Another process's sweep found the task due, then read it after the claim above: it sees the
    // resolution clock as the running one, with the deadline now stored, hours ahead.
    const [moved] = await taskFacts({ taskIds: [taskId] });
    expect(await claimSlaBreach({ task: moved, clock: "resolution", now: afterFirst, nextDue: null })).toBeNull();
    expect((await task(taskId)).slaResolutionBreachedAt).toBeNull();
    expect(await breaches(taskId)).toEqual([`SLA breached: no first response within the ${row.priority} target`]);
  });

  it("a status or priority change made as the first response is missed does not make it a resolution miss too", async () => {
    // The change reads the task, works out its next deadline and writes it; the sweep's claim may
    // land in between. Started 0 to 24 steps (awaited microtasks) after the sweep, the change's
    // read and write fall on either side of the claim at some of them: when the deadline was
    // written as computed from the read, it put the missed clock's deadline back, and the second
    // sweep claimed the resolution clock at it (24 of these 50 runs did).
    const t = (await slaTargets()).high;
    const changes = [(id: number) => changeStatus(id, "read", agent), (id: number) => setPriorityByHand(id, "urgent", supervisor)];
    const resolutionMissed: number[] = [];
    for (const change of changes) {
      for (let steps = 0; steps <= 24; steps++) {
        const createdAt = new Date();
        const firstDue = new Date(createdAt.getTime() + t.firstResponseMinutes * 60_000);
        const [row] = await getDb()
          .insert(tasks)
          .values({ accountId: 1, categoryId: 1, text: "Where is my parcel?", sentiment: "negative", confidence: 0.9, priority: "high", priorityReasons: ["negative 90%"], createdAt, slaDueAt: firstDue })
          .returning({ id: tasks.id });
        const late = new Date(firstDue.getTime() + 1000); // the resolution target is hours ahead
        const later = async () => {
          for (let i = 0; i < steps; i++) await Promise.resolve();
          await change(row.id);
        };
        await Promise.all([sweepSlaBreaches(late), later()]);
        await sweepSlaBreaches(late);
        const after = await task(row.id);
        expect(after.slaFirstResponseBreachedAt).not.toBeNull();
        if (after.slaResolutionBreachedAt) resolutionMissed.push(steps);
        expect(await breaches(row.id)).toHaveLength(after.slaResolutionBreachedAt ? 2 : 1);
      }
    }
    expect(resolutionMissed).toEqual([]);
  });

  it("when both targets have run out by the sweep, records both, first response first", async () => {
    const { taskId } = await newRequest("My account is locked and nobody helps me, this is awful.");
    const row = await task(taskId);
    const later = new Date(row.createdAt.getTime() + (await slaTargets())[row.priority].resolutionMinutes * 60_000 + 1000);
    await sweepSlaBreaches(later);
    await sweepSlaBreaches(later);
    await sweepSlaBreaches(later);
    expect(await breaches(taskId)).toEqual([`SLA breached: no first response within the ${row.priority} target`, `SLA breached: not resolved within the ${row.priority} target`]);
  });

  it("a reopened request gets a fresh resolution target from the reopening, which can be missed once more", async () => {
    const { taskId } = await newRequest("The refund you promised never came, I want it sorted now.");
    const row = await task(taskId);
    const t = (await slaTargets())[row.priority];
    await changeStatus(taskId, "closed", agent);
    expect((await task(taskId)).slaDueAt).toBeNull();

    await changeStatus(taskId, "open", agent);
    const reopened = await task(taskId);
    expect(reopened.slaResolutionFrom).not.toBeNull();
    expect(reopened.slaDueAt!.getTime()).toBe(reopened.slaResolutionFrom!.getTime() + t.resolutionMinutes * 60_000);
    expect((await listTaskEvents({ taskId }))[0].summary).toBe(`Reopened (open) by ${agent.name}: a fresh resolution target from now`);

    const late = new Date(reopened.slaDueAt!.getTime() + 1000);
    await sweepSlaBreaches(late);
    expect(await breaches(taskId)).toEqual([`SLA breached: not resolved within the ${row.priority} target since it was reopened`]);

    // Closed and reopened again: another fresh clock, another breach of its own; the first stays.
    await changeStatus(taskId, "closed", agent);
    await changeStatus(taskId, "read", agent);
    const again = await task(taskId);
    expect(again.slaResolutionBreachedAt).toBeNull();
    await sweepSlaBreaches(new Date(again.slaDueAt!.getTime() + 1000));
    expect(await breaches(taskId)).toHaveLength(2);
  });
});

describe("alert addresses", () => {
  it("refuses a bad address by name and keeps the saved ones; alerts then reach them besides the people on the request", async () => {
    const { alertEmails, updateAlertEmails } = await import("@/lib/support/alert-emails");
    await updateAlertEmails("Leads@Example.test, desk@example.test", supervisor.id);
    await expect(updateAlertEmails("ok@example.test, not-an-address", supervisor.id)).rejects.toThrow('"not-an-address" is not an e-mail address.');
    await expect(updateAlertEmails("a@x.test b@x.test c@x.test d@x.test e@x.test f@x.test", supervisor.id)).rejects.toThrow(/at most 5 addresses/);
    expect(await alertEmails()).toEqual(["leads@example.test", "desk@example.test"]);
    try {
      // A rule that only tags still alerts the mailbox.
      const phrase = unique("heron");
      await createRule({ name: "Heron tag", conditions: { phrases: [phrase] }, actions: { add_tag: "heron" } }, supervisor.id);
      await getDb().delete(emailOutbox);
      smtp.received.length = 0;
      const { taskId } = await newRequest(`The ${phrase} invoice is wrong, please fix it.`);
      // Nobody owns it: its breach goes to the alert addresses, not to every supervisor.
      const row = await task(taskId);
      await sweepSlaBreaches(new Date(row.slaDueAt!.getTime() + 1000));
      await deliverDueEmails();
      const mine = smtp.received.filter((m) => m.subject.includes(`request #${taskId} `));
      expect(mine.map((m) => [m.subject.replace(/ from .*/, ""), m.to])).toEqual([
        [`[${row.priority}] Escalated: request #${taskId}`, ["leads@example.test", "desk@example.test"]],
        [`[${row.priority}] SLA breached: request #${taskId}`, ["leads@example.test", "desk@example.test"]],
      ]);
      // Owned: the owner and the mailbox.
      await takeTask(taskId, agent);
      smtp.received.length = 0;
      const owned = await task(taskId);
      await sweepSlaBreaches(new Date(owned.slaDueAt!.getTime() + 1000));
      await deliverDueEmails();
      expect(smtp.received.filter((m) => m.subject.includes(`request #${taskId} `)).map((m) => m.to)).toEqual([[agent.email, "leads@example.test", "desk@example.test"]]);
      const audit = await getDb().select().from(auditLog).where(eq(auditLog.action, "alert_emails.update"));
      expect(audit.at(-1)?.details).toEqual({ addresses: ["leads@example.test", "desk@example.test"] });
    } finally {
      await updateAlertEmails("", supervisor.id);
    }
    expect(await alertEmails()).toEqual([]);
  });
});

describe("e-mail", () => {
  it("retries a message the SMTP server could not take, then sends it", async () => {
    const { queueEmail } = await import("@/lib/mail/outbox");
    await getDb().delete(emailOutbox);
    const id = (await queueEmail({ to: ["retry@example.test"], subject: "Retry me", text: "hello", reason: "test" }))!;
    const down = { host: "127.0.0.1", port: 1, from: "alerts@csa.test", tls: "none" as const };
    expect(await deliverDueEmails({ config: down })).toBe(1);
    let [row] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    expect(await deliverDueEmails()).toBe(0); // not due yet: backed off
    smtp.received.length = 0;
    expect(await deliverDueEmails({ now: new Date(Date.now() + 10 * 60_000) })).toBe(1);
    [row] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(smtp.received.map((m) => m.subject)).toEqual(["Retry me"]);
  });

  it("queues nothing when no SMTP server is configured", async () => {
    const { queueEmail } = await import("@/lib/mail/outbox");
    delete process.env.SMTP_HOST;
    resetEnvCache();
    try {
      expect(await queueEmail({ to: ["x@example.test"], subject: "s", text: "t", reason: "test" })).toBeNull();
    } finally {
      process.env.SMTP_HOST = "127.0.0.1";
      resetEnvCache();
    }
  });
});

describe("dashboard and trends figures", () => {
  it("counts open tasks by priority, today's breaches and the median first response per agent and category", async () => {
    const { supportOverview, median, responseTimesByCategory } = await import("@/lib/support/overview");
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    const { taskId } = await newRequest("Please tell me when my invoice will be corrected.");
    await takeTask(taskId, agent2);
    await changeStatus(taskId, "replied", agent2);
    const o = await supportOverview();
    const [{ n }] = (await getDb().$client.execute("select count(*) as n from tasks where status <> 'closed' and priority = 'urgent'")).rows as unknown as { n: number }[];
    expect(o.open.urgent).toBe(Number(n));
    expect(o.breachesToday).toBeGreaterThanOrEqual(1);
    expect(o.byAgent.find((a) => a.key === agent2.name)).toMatchObject({ responses: 1 });
    const billing = o.byCategory.find((c) => c.key === "Billing")!;
    expect(billing.responses).toBeGreaterThanOrEqual(2);
    const row = await task(taskId);
    const byCategory = await responseTimesByCategory({ from: new Date(row.createdAt.getTime() - 1), to: new Date(row.createdAt.getTime() + 1) });
    expect(byCategory.get(row.categoryId)).toEqual({ responses: 1, medianMs: row.firstResponseAt!.getTime() - row.createdAt.getTime() });
  });
});
